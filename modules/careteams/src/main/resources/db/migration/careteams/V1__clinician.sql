create schema careteams;

-- Therapists and coaches of a clinic. licensed_states holds the US states (two-letter codes)
-- in which a therapist may treat patients.
create table careteams.clinician (
    tenant_id       text        not null references platform.clinic (id),
    id              uuid        not null,
    username        text        not null,
    display_name    text        not null check (length(trim(display_name)) > 0),
    role            text        not null check (role in ('THERAPIST', 'COACH')),
    licensed_states text[]      not null default '{}',
    created_at      timestamptz not null,
    version         bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, username)
);

select enable_tenant_isolation('careteams.clinician');
