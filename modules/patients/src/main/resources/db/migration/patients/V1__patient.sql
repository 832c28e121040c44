create schema patients;

-- The patient record. Opened when a covered member signs up; the intake, consents, red flags and
-- the care team of record are added by later migrations.
create table patients.patient (
    tenant_id     text        not null references platform.clinic (id),
    id            uuid        not null,
    account_id    text        not null,
    username      text        not null,
    first_name    text        not null,
    last_name     text        not null,
    date_of_birth date        not null,
    email         text        not null,
    state         text        not null check (state ~ '^[A-Z]{2}$'),
    time_zone     text        not null,
    enrollment_id uuid,
    status        text        not null check (status in ('ONBOARDING', 'ACTIVE', 'PAUSED', 'DISCHARGED')),
    created_at    timestamptz not null,
    version       bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, account_id),
    unique (tenant_id, username)
);
select enable_tenant_isolation('patients.patient');
