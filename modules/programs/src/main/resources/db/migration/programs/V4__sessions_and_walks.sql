-- Exercise sessions the patient logged, one row each; a retry with the same idempotency key finds
-- the first row instead of adding one.
create table programs.session (
    tenant_id       text        not null references platform.clinic (id),
    patient_id      uuid        not null,
    id              uuid        not null,
    idempotency_key text        not null check (length(idempotency_key) between 8 and 100),
    performed_at    timestamptz not null,
    recorded_at     timestamptz not null,
    plan_version    bigint      not null,
    pain_before     integer     not null check (pain_before between 0 and 10),
    pain_after      integer     not null check (pain_after between 0 and 10),
    symptom_shift   text        not null check (symptom_shift in ('NONE', 'CENTRALIZING', 'PERIPHERALIZING')),
    effort          text        check (effort in ('EASY', 'RIGHT', 'HARD')),
    walking_minutes integer     check (walking_minutes between 1 and 600),
    flare           boolean     not null,
    primary key (tenant_id, id),
    unique (tenant_id, patient_id, idempotency_key)
);
create index session_by_patient on programs.session (tenant_id, patient_id, performed_at desc);
select enable_tenant_isolation('programs.session');

-- What the patient did of each exercise in a session, in the plan's order.
create table programs.session_exercise (
    tenant_id     text    not null,
    session_id    uuid    not null,
    position      integer not null check (position >= 0),
    exercise_slug text    not null,
    sets_done     integer not null check (sets_done between 0 and 10),
    reps_done     integer check (reps_done between 0 and 100),
    skipped       boolean not null,
    skip_reason   text    check (skip_reason in ('PAIN', 'NO_TIME', 'TOO_HARD', 'TOO_EASY')),
    primary key (tenant_id, session_id, position),
    foreign key (tenant_id, session_id) references programs.session (tenant_id, id),
    check (skipped = (skip_reason is not null))
);
select enable_tenant_isolation('programs.session_exercise');

-- Walks the patient logged on their own, outside a session.
create table programs.walk (
    tenant_id       text        not null references platform.clinic (id),
    patient_id      uuid        not null,
    id              uuid        not null,
    idempotency_key text        not null check (length(idempotency_key) between 8 and 100),
    walked_at       timestamptz not null,
    minutes         integer     not null check (minutes between 1 and 600),
    surface         text        not null check (surface in ('FLAT', 'HILLS', 'TREADMILL', 'POOL')),
    pain            integer     not null check (pain between 0 and 10),
    primary key (tenant_id, id),
    unique (tenant_id, patient_id, idempotency_key)
);
create index walk_by_patient on programs.walk (tenant_id, patient_id, walked_at desc);
select enable_tenant_isolation('programs.walk');

-- The pain the patient reported at intake, the baseline of their outcomes.
alter table programs.tailoring_facts
    add column intake_pain         integer check (intake_pain between 0 and 10),
    add column intake_completed_at timestamptz;

-- Suggestions to the therapist that a patient looks ready for a harder plan, with the reason. One
-- stands open at a time; changing the plan closes it.
create table programs.progression_suggestion (
    tenant_id    text        not null references platform.clinic (id),
    patient_id   uuid        not null,
    id           uuid        not null,
    reason       text        not null,
    suggested_at timestamptz not null,
    closed_at    timestamptz,
    primary key (tenant_id, id)
);
create unique index progression_suggestion_open on programs.progression_suggestion (tenant_id, patient_id)
    where closed_at is null;
select enable_tenant_isolation('programs.progression_suggestion');
