create schema eligibility;

-- Employers and health plans that pay for their members' care at a clinic.
create table eligibility.sponsor (
    tenant_id     text        not null references platform.clinic (id),
    id            uuid        not null,
    code          text        not null check (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
    name          text        not null check (length(trim(name)) > 0),
    kind          text        not null check (kind in ('EMPLOYER', 'HEALTH_PLAN')),
    contact_name  text,
    contact_email text,
    active        boolean     not null default true,
    created_at    timestamptz not null,
    version       bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, code)
);
select enable_tenant_isolation('eligibility.sponsor');

-- The sponsor administrators (Keycloak usernames) and the one sponsor each acts for.
create table eligibility.sponsor_admin (
    tenant_id  text not null,
    username   text not null,
    sponsor_id uuid not null,
    primary key (tenant_id, username),
    foreign key (tenant_id, sponsor_id) references eligibility.sponsor (tenant_id, id)
);
select enable_tenant_isolation('eligibility.sponsor_admin');

-- The members on a sponsor's current roster. Never deleted: members missing from a new roster
-- have their coverage ended on the day of that import. The *_key columns hold the normalised
-- forms the coverage check matches on.
create table eligibility.member (
    tenant_id      text        not null,
    id             uuid        not null,
    sponsor_id     uuid        not null,
    member_id      text        not null,
    first_name     text        not null,
    last_name      text        not null,
    date_of_birth  date        not null,
    email          text,
    coverage_start date        not null,
    coverage_end   date,
    first_name_key text        not null,
    last_name_key  text        not null,
    email_key      text,
    updated_at     timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, sponsor_id, member_id),
    foreign key (tenant_id, sponsor_id) references eligibility.sponsor (tenant_id, id),
    check (coverage_end is null or coverage_end >= coverage_start)
);
create index member_by_name_and_birth on eligibility.member (tenant_id, sponsor_id, last_name_key, date_of_birth);
select enable_tenant_isolation('eligibility.member');

-- Roster uploads and how they went.
create table eligibility.roster_import (
    tenant_id    text        not null,
    id           uuid        not null,
    sponsor_id   uuid        not null,
    status       text        not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    file_name    text,
    file_size    bigint      not null,
    bytes_read   bigint      not null default 0,
    rows_read    bigint      not null default 0,
    added        bigint      not null default 0,
    updated      bigint      not null default 0,
    terminated   bigint      not null default 0,
    rejected     bigint      not null default 0,
    errors       jsonb       not null default '[]',
    failure      text,
    requested_by text        not null,
    created_at   timestamptz not null,
    finished_at  timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, sponsor_id) references eligibility.sponsor (tenant_id, id)
);
create index roster_import_by_sponsor on eligibility.roster_import (tenant_id, sponsor_id, created_at);
select enable_tenant_isolation('eligibility.roster_import');
