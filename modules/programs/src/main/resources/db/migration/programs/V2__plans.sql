-- A patient's own plan: a copy of a template made when the therapist assigned it (later template
-- edits do not reach it). Every save is a new version, kept in plan_version.
create table programs.plan (
    tenant_id     text        not null references platform.clinic (id),
    patient_id    uuid        not null,
    id            uuid        not null,
    template_id   uuid,
    name          text        not null,
    phases        jsonb       not null,
    walking       jsonb,
    current_phase integer     not null default 0 check (current_phase >= 0),
    version       bigint      not null check (version >= 1),
    assigned_by   text        not null,
    assigned_at   timestamptz not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, patient_id),
    unique (tenant_id, id)
);
select enable_tenant_isolation('programs.plan');

create table programs.plan_version (
    tenant_id  text        not null,
    patient_id uuid        not null,
    version    bigint      not null,
    phases     jsonb       not null,
    walking    jsonb,
    summary    text        not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    primary key (tenant_id, patient_id, version),
    foreign key (tenant_id, patient_id) references programs.plan (tenant_id, patient_id)
);
select enable_tenant_isolation('programs.plan_version');

-- Patients whose exercise is on hold because of an open red flag: kept from the patients module's
-- events, whether or not the patient has a plan yet.
create table programs.hold (
    tenant_id  text        not null references platform.clinic (id),
    patient_id uuid        not null,
    since      timestamptz not null,
    emergency  boolean     not null,
    primary key (tenant_id, patient_id)
);
select enable_tenant_isolation('programs.hold');
