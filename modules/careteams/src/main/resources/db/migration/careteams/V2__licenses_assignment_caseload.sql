-- Where a therapist may treat: one row per state, either a state license (with its number and
-- expiry) or a PT Compact privilege to practise in that state. Replaces clinician.licensed_states.
create table careteams.license (
    tenant_id    text not null,
    clinician_id uuid not null,
    state        text not null check (state ~ '^[A-Z]{2}$'),
    kind         text not null check (kind in ('LICENSE', 'COMPACT_PRIVILEGE')),
    number       text not null check (length(trim(number)) > 0),
    expires_on   date not null,
    primary key (tenant_id, clinician_id, state),
    foreign key (tenant_id, clinician_id) references careteams.clinician (tenant_id, id)
);
select enable_tenant_isolation('careteams.license');

-- licenses recorded before numbers and expiry dates were kept: marked for the clinic to complete
insert into careteams.license (tenant_id, clinician_id, state, kind, number, expires_on)
select c.tenant_id, c.id, s.state, 'LICENSE', 'to be entered', (current_date + interval '1 year')::date
from careteams.clinician c, unnest(c.licensed_states) as s(state);
alter table careteams.clinician drop column licensed_states;

-- How many active patients a clinician takes on, whether they still work here, and when a coach
-- was last given a patient (coaches are assigned in turn).
alter table careteams.clinician
    add column capacity         integer     not null default 300 check (capacity between 0 and 2000),
    add column active           boolean     not null default true,
    add column last_assigned_at timestamptz;

-- The caseload read model: one row per patient of the clinic with what decides how urgent they
-- are. Kept up to date by listening to the patients, programs and messaging modules' events and
-- never joined to their tables.
create table careteams.caseload_entry (
    tenant_id           text        not null,
    patient_id          uuid        not null,
    display_name        text        not null,
    state               text        not null,
    status              text        not null,
    therapist_username  text,
    coach_username      text,
    intake_completed_at timestamptz,
    open_red_flags      integer     not null default 0 check (open_red_flags >= 0),
    last_pain_flare_at  timestamptz,
    unanswered_messages integer     not null default 0 check (unanswered_messages >= 0),
    plan_assigned_at    timestamptz,
    last_session_at     timestamptz,
    ready_to_progress   boolean     not null default false,
    last_activity_at    timestamptz not null,
    primary key (tenant_id, patient_id)
);
create index caseload_entry_by_therapist on careteams.caseload_entry (tenant_id, therapist_username);
create index caseload_entry_by_coach on careteams.caseload_entry (tenant_id, coach_username);
select enable_tenant_isolation('careteams.caseload_entry');

-- Patients who finished their intake but could not be given a therapist, and why.
create table careteams.awaiting_assignment (
    tenant_id  text        not null,
    patient_id uuid        not null,
    reason     text        not null,
    since      timestamptz not null,
    primary key (tenant_id, patient_id)
);
select enable_tenant_isolation('careteams.awaiting_assignment');
