-- What the record holds beyond signup: a phone number, the sponsor that covers the patient (the
-- coverage reference), and when the status last changed.
alter table patients.patient
    add column phone             text check (phone ~ '^\+?[0-9 ()./-]{7,25}$'),
    add column sponsor_id        uuid,
    add column status_changed_at timestamptz;
update patients.patient set status_changed_at = created_at;
alter table patients.patient alter column status_changed_at set not null;

-- Every status change, with who made it and why.
create table patients.status_change (
    tenant_id   text        not null,
    id          uuid        not null,
    patient_id  uuid        not null,
    from_status text,
    to_status   text        not null check (to_status in ('ONBOARDING', 'ACTIVE', 'PAUSED', 'DISCHARGED')),
    reason      text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id)
);
create index status_change_by_patient on patients.status_change (tenant_id, patient_id, changed_at);
select enable_tenant_isolation('patients.status_change');

-- Consents the patient gave: which document, in which version, when. A new version of a document
-- is asked for again; old rows stay as the record of what was agreed to then.
create table patients.consent (
    tenant_id   text        not null,
    patient_id  uuid        not null,
    document    text        not null check (document in ('TELEHEALTH', 'PRIVACY')),
    version     text        not null,
    accepted_at timestamptz not null,
    primary key (tenant_id, patient_id, document, version),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id)
);
select enable_tenant_isolation('patients.consent');

-- The intake, saved step by step: step is the next one to fill in; completed_at is set when the
-- patient submits the last step. Value lists follow the contract (docs/ and the API).
create table patients.intake (
    tenant_id     text        not null,
    patient_id    uuid        not null,
    step          smallint    not null check (step between 1 and 6),
    pain_regions  text[]      not null default '{}',
    pain_now      smallint check (pain_now between 0 and 10),
    pain_duration text check (pain_duration in ('ACUTE', 'SUBACUTE', 'CHRONIC')),
    worse_with    text[]      not null default '{}',
    diagnoses     text[]      not null default '{}',
    goals         text,
    psfs          jsonb       not null default '[]',
    red_flags     text[]      not null default '{}',
    updated_at    timestamptz not null,
    completed_at  timestamptz,
    primary key (tenant_id, patient_id),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id)
);
select enable_tenant_isolation('patients.intake');

-- Red-flag answers of "yes", at intake or reported later. Open until a clinician clears it with
-- a note.
create table patients.red_flag_report (
    tenant_id   text        not null,
    id          uuid        not null,
    patient_id  uuid        not null,
    source      text        not null check (source in ('INTAKE', 'REPORT')),
    symptoms    text[]      not null check (cardinality(symptoms) > 0),
    reported_at timestamptz not null,
    cleared_at  timestamptz,
    cleared_by  text,
    clear_note  text,
    primary key (tenant_id, id),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id),
    check ((cleared_at is null) = (cleared_by is null) and (cleared_at is null) = (clear_note is null))
);
create index red_flag_report_by_patient on patients.red_flag_report (tenant_id, patient_id, reported_at);
select enable_tenant_isolation('patients.red_flag_report');

-- The care team of record: the therapist and the health coach caring for a patient, as the care
-- teams module assigned them. Names are kept so the patient's pages can greet them by name.
create table patients.care_team (
    tenant_id          text        not null,
    patient_id         uuid        not null,
    therapist_id       uuid        not null,
    therapist_username text        not null,
    therapist_name     text        not null,
    coach_id           uuid,
    coach_username     text,
    coach_name         text,
    assigned_at        timestamptz not null,
    primary key (tenant_id, patient_id),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id),
    check ((coach_id is null) = (coach_username is null) and (coach_id is null) = (coach_name is null))
);
create index care_team_by_therapist on patients.care_team (tenant_id, therapist_username);
create index care_team_by_coach on patients.care_team (tenant_id, coach_username);
select enable_tenant_isolation('patients.care_team');
