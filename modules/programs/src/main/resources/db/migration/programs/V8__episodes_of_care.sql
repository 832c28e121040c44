-- A discharge ends the patient's plan: no plan for today, its versions kept. The therapist's next
-- assignment (in a new episode of care) makes it current again.
alter table programs.plan add column ended_at timestamptz;

-- The outcomes of an episode of care as they stood when it ended, kept when the patient is
-- discharged so a later episode's intake and sessions never change them.
create table programs.episode_outcome (
    tenant_id        text        not null default current_setting('stride.tenant_id', true)
                                 references platform.clinic (id),
    patient_id       uuid        not null,
    episode          integer     not null check (episode >= 1),
    opened_at        timestamptz not null,
    closed_at        timestamptz not null,
    first_pain       numeric(3, 1) check (first_pain between 0 and 10),
    last_pain        numeric(3, 1) check (last_pain between 0 and 10),
    first_psfs       numeric(3, 1) check (first_psfs between 0 and 10),
    last_psfs        numeric(3, 1) check (last_psfs between 0 and 10),
    responder        boolean     not null,
    sessions_done    integer     not null check (sessions_done >= 0),
    sessions_planned integer     not null check (sessions_planned >= 0),
    primary key (tenant_id, patient_id, episode)
);
select enable_tenant_isolation('programs.episode_outcome');
