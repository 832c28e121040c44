-- Each sponsor's roster becomes a partition of eligibility.member of its own. An import loads the
-- whole file into a new table with COPY (indexes built once, after loading), carries over the
-- members the file no longer lists, and swaps the new table in for the old roster, all in the
-- import's transaction. See docs/decisions/0009-a-roster-partition-per-sponsor.md.
--
-- A partition that foreign keys point at cannot be detached, so what refers to a member (coverage
-- checks, enrollments) names them by sponsor and member id, without a foreign key; the import never
-- drops a member (it carries them over). Activity is counted per enrollment.

alter table eligibility.coverage_check drop constraint coverage_check_tenant_id_member_ref_fkey;
alter table eligibility.enrollment drop constraint enrollment_tenant_id_member_ref_fkey;
alter table eligibility.activity drop constraint activity_tenant_id_member_ref_fkey;

alter table eligibility.member rename to member_before_v5;

-- The last name key is the form the coverage check matches on (no accents, case, spaces or
-- hyphens); first names and emails are compared on the few members found by birth and last name.
create table eligibility.member (
    tenant_id      text not null,
    sponsor_id     uuid not null,
    member_id      text collate "C" not null,
    first_name     text not null,
    last_name      text not null,
    date_of_birth  date not null,
    email          text,
    coverage_start date not null,
    coverage_end   date,
    last_name_key  text collate "C" not null,
    primary key (member_id, sponsor_id),
    constraint member_coverage check (coverage_end is null or coverage_end >= coverage_start)
) partition by list (sponsor_id);
create index member_by_birth_and_name on eligibility.member (date_of_birth, last_name_key);
select enable_tenant_isolation('eligibility.member');
-- the application reads rosters; only an import (the functions below) writes them
revoke insert, update, delete, truncate on eligibility.member from stride_app;

-- Makes a loaded table a sponsor's partition: the clinic's policy on it too, and no privileges
-- for the application on it (it reads members through eligibility.member only).
create function eligibility.seal_roster_partition(roster regclass) returns void
    language plpgsql
    set search_path = pg_catalog, pg_temp
as
$$
begin
    perform public.enable_tenant_isolation(roster);
    execute format('revoke all on %s from stride_app', roster);
end;
$$;
revoke execute on function eligibility.seal_roster_partition(regclass) from public;

-- What is stored moves over: members into their sponsors' partitions, references by member id.
alter table eligibility.member_before_v5 no force row level security;
alter table eligibility.member no force row level security;
alter table eligibility.coverage_check no force row level security;
alter table eligibility.enrollment no force row level security;
alter table eligibility.activity no force row level security;

do
$$
    declare
        roster record;
        name   text;
    begin
        for roster in select distinct tenant_id, sponsor_id from eligibility.member_before_v5
            loop
                name := 'member_' || replace(roster.sponsor_id::text, '-', '');
                execute format('create table eligibility.%I partition of eligibility.member '
                                   '(check (tenant_id = %L), check (sponsor_id = %L)) for values in (%L)',
                               name, roster.tenant_id, roster.sponsor_id, roster.sponsor_id);
                perform eligibility.seal_roster_partition(format('eligibility.%I', name)::regclass);
            end loop;
    end;
$$;

insert into eligibility.member (tenant_id, sponsor_id, member_id, first_name, last_name, date_of_birth, email,
                                coverage_start, coverage_end, last_name_key)
select tenant_id, sponsor_id, member_id, first_name, last_name, date_of_birth, email, coverage_start, coverage_end,
       last_name_key
from eligibility.member_before_v5;

alter table eligibility.coverage_check add column member_id text;
update eligibility.coverage_check c
set member_id = m.member_id
from eligibility.member_before_v5 m
where m.tenant_id = c.tenant_id and m.id = c.member_ref;
alter table eligibility.coverage_check alter member_id set not null, drop column member_ref;

alter table eligibility.activity add column enrollment_id uuid;
update eligibility.activity a
set enrollment_id = e.id
from eligibility.enrollment e
where e.tenant_id = a.tenant_id and e.member_ref = a.member_ref;
delete from eligibility.activity where enrollment_id is null;
alter table eligibility.activity
    drop constraint activity_pkey,
    drop column member_ref,
    alter enrollment_id set not null,
    add primary key (tenant_id, enrollment_id, day),
    add foreign key (tenant_id, enrollment_id) references eligibility.enrollment (tenant_id, id);

alter table eligibility.enrollment add column member_id text;
update eligibility.enrollment e
set member_id = m.member_id
from eligibility.member_before_v5 m
where m.tenant_id = e.tenant_id and m.id = e.member_ref;
alter table eligibility.enrollment
    drop column member_ref,
    alter member_id set not null,
    add unique (tenant_id, sponsor_id, member_id);

drop table eligibility.member_before_v5;

alter table eligibility.member force row level security;
alter table eligibility.coverage_check force row level security;
alter table eligibility.enrollment force row level security;
alter table eligibility.activity force row level security;

-- The import's three steps run as the owner (security definer) for the current clinic only: the
-- import must be the clinic's and running, and its load table must exist.

-- The sponsor of a running import of the current clinic.
create function eligibility.running_roster_import(import uuid) returns uuid
    language plpgsql
    stable
    set search_path = pg_catalog, pg_temp
as
$$
declare
    sponsor uuid;
begin
    select r.sponsor_id into sponsor
    from eligibility.roster_import r
    where r.tenant_id = current_setting('stride.tenant_id', true) and r.id = import and r.status = 'RUNNING';

    if sponsor is null then
        raise exception 'no running roster import % in this clinic', import using errcode = 'no_data_found';
    end if;
    return sponsor;
end;
$$;
revoke execute on function eligibility.running_roster_import(uuid) from public;

create function eligibility.roster_load_table(import uuid) returns text
    language sql
    immutable strict
    return 'member_load_' || replace(import::text, '-', '');
revoke execute on function eligibility.roster_load_table(uuid) from public;

-- 1. A table to COPY the file's members into; returns its name. The application may only insert
--    into it, and only rows of the current clinic for the import's sponsor (filled in by default).
--    No other session can see it before the import commits, and then it is the sponsor's roster.
create function eligibility.begin_roster_load(import uuid) returns text
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
as
$$
declare
    clinic  text := current_setting('stride.tenant_id', true);
    sponsor uuid := eligibility.running_roster_import(import);
    loading text := eligibility.roster_load_table(import);
begin
    -- the columns of eligibility.member, spelled out: copying them from it would lock it until the
    -- import commits, and two imports waiting to swap their rosters in would deadlock
    execute format($ddl$
        create table eligibility.%1$I (
            tenant_id      text not null default %2$L,
            sponsor_id     uuid not null default %3$L,
            member_id      text collate "C" not null,
            first_name     text not null,
            last_name      text not null,
            date_of_birth  date not null,
            email          text,
            coverage_start date not null,
            coverage_end   date,
            last_name_key  text collate "C" not null,
            line           integer not null,
            constraint member_coverage check (coverage_end is null or coverage_end >= coverage_start),
            check (tenant_id = %2$L),
            check (sponsor_id = %3$L))$ddl$,
        loading, clinic, sponsor);
    execute format('revoke all on eligibility.%I from stride_app', loading);
    execute format('grant insert on eligibility.%I to stride_app', loading);

    return 'eligibility.' || loading;
end;
$$;

-- 2. The member ids the file lists more than once, with their lines; those lines are removed.
--    Finding none is the usual case, and then costs nothing beyond the key the roster needs anyway.
create function eligibility.roster_load_duplicates(import uuid)
    returns table (member_id text, lines integer[])
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
    set maintenance_work_mem = '128MB'
as
$$
declare
    loading text := eligibility.roster_load_table(import);
begin
    perform eligibility.running_roster_import(import);
    begin
        execute format('alter table eligibility.%I add primary key (member_id, sponsor_id)', loading);
        return;
    exception
        when unique_violation then null;
    end;

    return query execute format(
        'select member_id::text, array_agg(line order by line) from eligibility.%I '
            'group by member_id having count(*) > 1 order by min(line)', loading);

    execute format('delete from eligibility.%1$I l using (select member_id from eligibility.%1$I '
                       'group by member_id having count(*) > 1) d where l.member_id = d.member_id', loading);
    execute format('alter table eligibility.%I add primary key (member_id, sponsor_id)', loading);
end;
$$;

-- 3. Carries over the members missing from the file (ending the coverage of those still covered,
--    unless their line was rejected), counts what changed and swaps the loaded table in as the
--    sponsor's roster; when nothing changed the old roster stays. Returns the counts and the
--    enrollments whose member's coverage this import ended.
create function eligibility.apply_roster_load(import uuid, today date, rejected text[])
    returns table (added bigint, updated bigint, terminated bigint, ended_enrollments uuid[])
    language plpgsql
    security definer
    set search_path = pg_catalog, pg_temp
    set maintenance_work_mem = '128MB'
    set work_mem = '64MB'
as
$$
declare
    sponsor  uuid := eligibility.running_roster_import(import);
    loading  text := eligibility.roster_load_table(import);
    roster   text := 'member_' || replace(sponsor::text, '-', '');
    previous regclass := to_regclass('eligibility.' || roster);
begin
    if previous is null then
        execute format('select count(*) from eligibility.%I', loading) into added;
        updated := 0;
        terminated := 0;
        ended_enrollments := '{}';
    else
        execute format($sql$
            with carried as (
                insert into eligibility.%1$I (tenant_id, sponsor_id, member_id, first_name, last_name,
                    date_of_birth, email, coverage_start, coverage_end, last_name_key, line)
                select o.tenant_id, o.sponsor_id, o.member_id, o.first_name, o.last_name, o.date_of_birth,
                       o.email, o.coverage_start,
                       case when e.ending then greatest($1, o.coverage_start) else o.coverage_end end,
                       o.last_name_key, case when e.ending then -1 else 0 end
                from eligibility.%2$I o
                cross join lateral (select (o.coverage_end is null or o.coverage_end > $1)
                    and not exists (select from unnest($2) r where r = o.member_id) as ending) e
                where not exists (select from eligibility.%1$I l where l.member_id = o.member_id)
                returning member_id, line)
            select count(*) filter (where c.line = -1), coalesce(array_agg(n.id) filter (where n.id is not null), '{}')
            from carried c
            left join eligibility.enrollment n on n.sponsor_id = $3 and n.member_id = c.member_id and c.line = -1
            $sql$, loading, roster)
            into terminated, ended_enrollments using today, rejected, sponsor;

        execute format($sql$
            select count(*) filter (where o.member_id is null),
                   count(*) filter (where o.member_id is not null and
                       (l.first_name, l.last_name, l.date_of_birth, l.email, l.coverage_start, l.coverage_end)
                       is distinct from
                       (o.first_name, o.last_name, o.date_of_birth, o.email, o.coverage_start, o.coverage_end))
            from eligibility.%1$I l left join eligibility.%2$I o on o.member_id = l.member_id
            where l.line > 0$sql$, loading, roster)
            into added, updated;

        if added = 0 and updated = 0 and terminated = 0 then
            execute format('drop table eligibility.%I', loading);
            return next;
            return;
        end if;
    end if;

    execute format('alter table eligibility.%I drop column line', loading);
    execute format('create index on eligibility.%I (date_of_birth, last_name_key)', loading);
    perform eligibility.seal_roster_partition(format('eligibility.%I', loading)::regclass);

    if previous is not null then
        execute format('alter table eligibility.member detach partition eligibility.%I', roster);
        execute format('drop table eligibility.%I', roster);
    end if;
    execute format('alter table eligibility.%I rename to %I', loading, roster);
    execute format('alter table eligibility.member attach partition eligibility.%I for values in (%L)',
                   roster, sponsor);

    return next;
end;
$$;

revoke execute on function eligibility.begin_roster_load(uuid) from public;
revoke execute on function eligibility.roster_load_duplicates(uuid) from public;
revoke execute on function eligibility.apply_roster_load(uuid, date, text[]) from public;
grant execute on function eligibility.begin_roster_load(uuid) to stride_app;
grant execute on function eligibility.roster_load_duplicates(uuid) to stride_app;
grant execute on function eligibility.apply_roster_load(uuid, date, text[]) to stride_app;
