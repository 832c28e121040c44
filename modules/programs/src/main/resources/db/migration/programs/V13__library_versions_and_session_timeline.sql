-- Every node keeps each clinic's own exercises in memory and checks this counter before it trusts
-- its copy: one row per clinic, bumped by a trigger on every change of the clinic's exercises,
-- whoever makes it (this node, another node, a script), in the transaction that makes it.
create table programs.custom_exercise_version (
    tenant_id text   not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    version   bigint not null,
    primary key (tenant_id)
);
select enable_tenant_isolation('programs.custom_exercise_version');

create function programs.count_custom_exercise_change() returns trigger
    language plpgsql
as
$$
begin
    insert into programs.custom_exercise_version as counted (tenant_id, version)
    values (coalesce(new.tenant_id, old.tenant_id), 1)
    on conflict (tenant_id) do update set version = counted.version + 1;
    return null;
end;
$$;

create trigger custom_exercise_changed
    after insert or update or delete on programs.custom_exercise
    for each row execute function programs.count_custom_exercise_change();

-- A patient's timeline (newest first, ties by id) is read from this index alone: it is in the
-- timeline's order and holds every column the timeline shows. It replaces session_by_patient,
-- whose order lacked the id, so each session written updates one index fewer.
create index session_timeline on programs.session (tenant_id, patient_id, performed_at desc, id)
    include (pain_before, pain_after, symptom_shift);
drop index programs.session_by_patient;
