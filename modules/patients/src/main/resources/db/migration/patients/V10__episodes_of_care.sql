-- Episodes of care: a patient is treated in episodes numbered 1, 2, ... . An episode is open until
-- the therapist discharges the patient (closed_at, reason, summary, discharged_by); reactivating
-- opens the next number. At most one episode per patient is open.
create table patients.episode (
    tenant_id     text        not null default current_setting('stride.tenant_id', true),
    patient_id    uuid        not null,
    number        integer     not null check (number >= 1),
    opened_at     timestamptz not null,
    closed_at     timestamptz,
    reason        text check (reason in ('GOALS_MET', 'PLATEAU', 'REFERRED', 'STOPPED_ATTENDING', 'OTHER')),
    summary       text check (length(summary) <= 2000),
    discharged_by text,
    primary key (tenant_id, patient_id, number),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id),
    check ((closed_at is null) = (reason is null) and (closed_at is null) = (discharged_by is null)
           and (closed_at is not null or summary is null)),
    check (closed_at is null or closed_at >= opened_at)
);
create unique index episode_one_open on patients.episode (tenant_id, patient_id) where closed_at is null;
select enable_tenant_isolation('patients.episode');

-- Every patient so far is in their first episode, since their record was opened; one discharged
-- before episodes existed has it closed when they were discharged, for a reason not recorded.
insert into patients.episode (tenant_id, patient_id, number, opened_at, closed_at, reason, discharged_by)
select tenant_id, id, 1, created_at,
       case when status = 'DISCHARGED' then greatest(status_changed_at, created_at) end,
       case when status = 'DISCHARGED' then 'OTHER' end,
       case when status = 'DISCHARGED' then 'system' end
from patients.patient;

-- Whichever way a record is opened (signup, registration, invitation), it opens episode 1 with it.
create function patients.open_first_episode() returns trigger
    language plpgsql
as
$$
begin
    insert into patients.episode (tenant_id, patient_id, number, opened_at)
    values (new.tenant_id, new.id, 1, new.created_at);
    return new;
end;
$$;
create trigger patient_opens_first_episode
    after insert on patients.patient
    for each row execute function patients.open_first_episode();

-- The intake answers of an episode that ended, kept on record when the next episode starts a new
-- draft prefilled from them.
create table patients.episode_intake (
    tenant_id      text        not null default current_setting('stride.tenant_id', true),
    patient_id     uuid        not null,
    episode_number integer     not null,
    pain_regions   text[]      not null,
    pain_now       smallint,
    pain_duration  text,
    worse_with     text[]      not null,
    diagnoses      text[]      not null,
    goals          text,
    psfs           jsonb       not null,
    red_flags      text[]      not null,
    completed_at   timestamptz,
    primary key (tenant_id, patient_id, episode_number),
    foreign key (tenant_id, patient_id, episode_number) references patients.episode (tenant_id, patient_id, number)
);
select enable_tenant_isolation('patients.episode_intake');
