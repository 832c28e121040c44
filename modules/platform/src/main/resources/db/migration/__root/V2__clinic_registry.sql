-- The platform kernel's tables are root migrations: every module's tenant-owned tables
-- reference them, so they must exist before any module migrates.
create schema platform;

-- The clinics (tenants). Not tenant-owned: it is the registry the tenant ids point into.
-- The id is the clinic's Keycloak organization alias, e.g. 'northside'.
create table platform.clinic (
    id         text        not null primary key check (id ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
    name       text        not null check (length(trim(name)) > 0),
    created_at timestamptz not null default now()
);
