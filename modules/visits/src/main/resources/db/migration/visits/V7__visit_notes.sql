-- The clinician's note of a visit (subjective, objective, assessment, plan) and the minutes it took.
-- A draft may be saved again and again (version guards against a stale form); signing locks it for
-- good: the trigger below refuses any change to a signed note, whatever the application asks. What
-- the clinician adds later goes into addenda, each signed as it is written and never changed.
create table visits.visit_note (
    tenant_id   text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    visit_id    uuid        not null,
    subjective  text        not null default '' check (length(subjective) <= 10000),
    objective   text        not null default '' check (length(objective) <= 10000),
    assessment  text        not null default '' check (length(assessment) <= 10000),
    plan        text        not null default '' check (length(plan) <= 10000),
    minutes     int         check (minutes between 1 and 600),
    drafted_by  text        not null,
    drafted_at  timestamptz not null,
    signed_by   text,
    signed_at   timestamptz,
    version     bigint      not null default 0,
    primary key (tenant_id, visit_id),
    foreign key (tenant_id, visit_id) references visits.visit (tenant_id, id),
    check ((signed_by is null) = (signed_at is null)),
    -- a signed note has every section and its minutes
    check (signed_at is null or (length(trim(subjective)) > 0 and length(trim(objective)) > 0
                                 and length(trim(assessment)) > 0 and length(trim(plan)) > 0 and minutes is not null))
);
select enable_tenant_isolation('visits.visit_note');

create table visits.visit_note_addendum (
    tenant_id  text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id         uuid        not null,
    visit_id   uuid        not null,
    body       text        not null check (length(trim(body)) between 1 and 10000),
    signed_by  text        not null,
    signed_at  timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, visit_id) references visits.visit_note (tenant_id, visit_id)
);
create index visit_note_addendum_by_note on visits.visit_note_addendum (tenant_id, visit_id, signed_at);
select enable_tenant_isolation('visits.visit_note_addendum');

-- A signed note is never changed nor removed, and an addendum is written to a signed note only.
create function visits.refuse_signed_note_change() returns trigger
    language plpgsql
as
$$
begin
    if old.signed_at is not null then
        raise exception 'a signed visit note cannot be changed' using errcode = '55000';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger visit_note_signed_is_final before update or delete on visits.visit_note
    for each row execute function visits.refuse_signed_note_change();

create function visits.refuse_addendum_to_draft() returns trigger
    language plpgsql
as
$$
begin
    if not exists (select 1 from visits.visit_note n
                   where n.tenant_id = new.tenant_id and n.visit_id = new.visit_id and n.signed_at is not null) then
        raise exception 'an addendum needs a signed visit note' using errcode = '55000';
    end if;
    return new;
end;
$$;
create trigger visit_note_addendum_to_signed before insert on visits.visit_note_addendum
    for each row execute function visits.refuse_addendum_to_draft();

-- Addenda are signed as they are written: the application may add them, never change or remove them.
revoke update, delete, truncate on visits.visit_note_addendum from stride_app;
revoke delete, truncate on visits.visit_note from stride_app;
