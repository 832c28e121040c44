create schema programs;

-- The exercise library every clinic shares. Stride writes it: the application loads its own
-- catalogue (library/exercises.json) into this table at startup. Slugs of easier and harder
-- alternatives are checked by the loader, which loads the whole catalogue in one transaction.
create table programs.exercise (
    slug             text        primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name             text        not null,
    region           text        not null check (region in ('low-back', 'core', 'hips', 'legs', 'upper-body', 'whole-body')),
    position         text        not null check (position in ('SUPINE', 'PRONE', 'QUADRUPED', 'SIDE_LYING', 'SEATED', 'STANDING', 'KNEELING', 'HANGING')),
    equipment        text        not null check (equipment in ('NONE', 'MAT', 'BALL', 'BAR', 'STRAPS', 'POOL', 'BIKE')),
    kind             text        not null check (kind in ('MOBILITY', 'STRETCH', 'STRENGTH', 'STABILITY', 'CARDIO')),
    sets             integer     not null check (sets between 1 and 10),
    reps             integer     check (reps between 1 and 100),
    duration_seconds integer     check (duration_seconds between 1 and 7200),
    hold_seconds     integer     check (hold_seconds between 1 and 600),
    side             text        not null check (side in ('BOTH', 'EACH')),
    times_per_day    integer     not null check (times_per_day between 1 and 10),
    days_per_week    integer     not null check (days_per_week between 1 and 7),
    rest_seconds     integer     not null check (rest_seconds between 0 and 600),
    steps            text[]      not null,
    safety           text[]      not null,
    tags             text[]      not null,
    regression       text,
    progression      text,
    loaded_at        timestamptz not null,
    check ((reps is null) <> (duration_seconds is null))
);

-- Each clinic's program templates: seeded with Stride's five when the clinic is registered, then
-- the clinic's own to edit. Phases hold the exercises with their dosing, in order.
create table programs.template (
    tenant_id   text        not null references platform.clinic (id),
    id          uuid        not null,
    key         text,
    name        text        not null check (length(trim(name)) > 0),
    description text        not null,
    phases      jsonb       not null,
    walking     jsonb,
    created_by  text        not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, key)
);
select enable_tenant_isolation('programs.template');
