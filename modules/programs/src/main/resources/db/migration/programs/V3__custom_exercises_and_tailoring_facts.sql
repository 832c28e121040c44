-- Exercises a clinic adds for its own patients, beside the shared library. A custom exercise's slug
-- is unique in the clinic; the application does not give it one the shared library uses.
create table programs.custom_exercise (
    tenant_id        text        not null references platform.clinic (id),
    slug             text        not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name             text        not null check (length(trim(name)) between 1 and 80),
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
    steps            text[]      not null check (cardinality(steps) >= 1),
    safety           text[]      not null,
    tags             text[]      not null,
    regression       text,
    progression      text,
    created_by       text        not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    primary key (tenant_id, slug),
    check ((reps is null) <> (duration_seconds is null))
);
select enable_tenant_isolation('programs.custom_exercise');

-- What a clinic's staff see as the library: the shared exercises and the clinic's own. The view
-- runs with the reader's rights, so row-level security keeps every clinic to its own exercises.
create view programs.library_exercise with (security_invoker = true) as
select slug, name, region, position, equipment, kind, sets, reps, duration_seconds, hold_seconds, side,
       times_per_day, days_per_week, rest_seconds, steps, safety, tags, regression, progression, false as custom
from programs.exercise
union all
select slug, name, region, position, equipment, kind, sets, reps, duration_seconds, hold_seconds, side,
       times_per_day, days_per_week, rest_seconds, steps, safety, tags, regression, progression, true as custom
from programs.custom_exercise;

-- What a patient's intake says about exercises that may not suit them, kept from IntakeCompleted so
-- tailoring can warn without reading the intake itself.
create table programs.tailoring_facts (
    tenant_id            text        not null references platform.clinic (id),
    patient_id           uuid        not null,
    prone_intolerant     boolean     not null,
    extension_intolerant boolean     not null,
    flexion_triggered    boolean     not null,
    recorded_at          timestamptz not null,
    primary key (tenant_id, patient_id)
);
select enable_tenant_isolation('programs.tailoring_facts');
