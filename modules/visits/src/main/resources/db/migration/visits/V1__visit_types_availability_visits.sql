create schema visits;

-- btree_gist lets an exclusion constraint compare the clinic and the clinician with = next to the
-- time range with &&. It is a trusted extension: the database owner may create it.
create extension if not exists btree_gist;

-- What the clinic asks of changes: a visit cancelled or moved by the patient less than this before
-- it starts is recorded as late. One row per clinic, written when the clinic first changes it.
create table visits.clinic_policy (
    tenant_id     text     not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    notice_period interval not null default interval '24 hours' check (notice_period between interval '0' and interval '14 days'),
    primary key (tenant_id)
);
select enable_tenant_isolation('visits.clinic_policy');

-- The kinds of visit a clinic holds. The four seeded ones have no name of their own (patients read
-- it in their language from the bundles, by key); a clinic's own types carry the name it gave them.
create table visits.visit_type (
    tenant_id     text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    key           text        not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(key) <= 40),
    name          text        check (length(trim(name)) between 1 and 80),
    minutes       int         not null check (minutes between 5 and 240),
    held_by       text        not null check (held_by in ('THERAPIST', 'COACH')),
    self_bookable boolean     not null,
    position      int         not null,
    retired_at    timestamptz,
    primary key (tenant_id, key)
);
-- The seeded visit types of every clinic there is (before the table is isolated: the migration runs
-- as no clinic); a clinic registered later gets them from the visits module when it hears of it.
insert into visits.visit_type (tenant_id, key, minutes, held_by, self_bookable, position)
select c.id, t.key, t.minutes, t.held_by, t.self_bookable, t.position
from platform.clinic c
cross join (values ('initial-evaluation', 45, 'THERAPIST', false, 1),
                   ('follow-up', 30, 'THERAPIST', true, 2),
                   ('re-evaluation', 30, 'THERAPIST', false, 3),
                   ('coaching-call', 15, 'COACH', true, 4)) as t (key, minutes, held_by, self_bookable, position);
select enable_tenant_isolation('visits.visit_type');

-- The clinicians who hold visits, as the care teams module enlists them, with their own scheduling
-- settings: the time zone their hours are in, the buffer kept free after each visit and the most
-- visits they take in one of their days. A clinician who left the clinic keeps their row, inactive,
-- so past visits still name them.
create table visits.host (
    tenant_id    text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id           uuid        not null,
    username     text        not null,
    display_name text        not null check (length(trim(display_name)) > 0),
    kind         text        not null check (kind in ('THERAPIST', 'COACH')),
    time_zone    text        not null,
    buffer       interval    not null default interval '0' check (buffer between interval '0' and interval '2 hours'),
    max_per_day  int         not null default 12 check (max_per_day between 1 and 40),
    active       boolean     not null default true,
    version      bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, username)
);
select enable_tenant_isolation('visits.host');

-- A clinician's usual week: hours on a weekday, in their time zone. Several spans a day are allowed
-- (a morning and an afternoon); they may not overlap.
create table visits.weekly_hours (
    tenant_id  text not null default current_setting('stride.tenant_id', true),
    host_id    uuid not null,
    weekday    int  not null check (weekday between 1 and 7), -- ISO: 1 is Monday
    starts     time not null,
    ends       time not null check (ends > starts),
    primary key (tenant_id, host_id, weekday, starts),
    foreign key (tenant_id, host_id) references visits.host (tenant_id, id)
);
select enable_tenant_isolation('visits.weekly_hours');

-- A date that differs from the usual week: a day off (no times), or extra hours on that date.
create table visits.date_exception (
    tenant_id  text not null default current_setting('stride.tenant_id', true),
    id         uuid not null default gen_random_uuid(),
    host_id    uuid not null,
    day        date not null,
    starts     time,
    ends       time,
    primary key (tenant_id, id),
    foreign key (tenant_id, host_id) references visits.host (tenant_id, id),
    check ((starts is null) = (ends is null) and (ends is null or ends > starts))
);
create unique index date_exception_day_off on visits.date_exception (tenant_id, host_id, day) where starts is null;
create unique index date_exception_hours on visits.date_exception (tenant_id, host_id, day, starts) where starts is not null;
select enable_tenant_isolation('visits.date_exception');

-- The visits. held is the time the visit keeps the clinician from another: from its start to its
-- end plus the clinician's buffer at the time of booking. Two booked visits of one clinician never
-- share a moment of it, and a patient never has two booked visits at once: the exclusion
-- constraints are the guard, whatever the application checked before.
create table visits.visit (
    tenant_id      text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id             uuid        not null,
    patient_id     uuid        not null,
    host_id        uuid        not null,
    type_key       text        not null,
    starts_at      timestamptz not null,
    ends_at        timestamptz not null check (ends_at > starts_at),
    held_until     timestamptz not null check (held_until >= ends_at),
    status         text        not null check (status in ('BOOKED', 'CANCELLED', 'COMPLETED', 'MISSED')),
    booked_by      text        not null,
    booked_at      timestamptz not null,
    cancelled_by   text,
    cancelled_at   timestamptz,
    cancel_reason  text        check (length(cancel_reason) between 1 and 500),
    late           boolean     not null default false,
    rescheduled    int         not null default 0,
    version        bigint      not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, host_id) references visits.host (tenant_id, id),
    foreign key (tenant_id, type_key) references visits.visit_type (tenant_id, key),
    check ((status = 'CANCELLED') = (cancelled_at is not null)),
    constraint visit_host_free exclude using gist
        (tenant_id with =, host_id with =, tstzrange(starts_at, held_until) with &&) where (status = 'BOOKED'),
    constraint visit_patient_free exclude using gist
        (tenant_id with =, patient_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'BOOKED')
);
create index visit_by_host on visits.visit (tenant_id, host_id, starts_at);
create index visit_by_patient on visits.visit (tenant_id, patient_id, starts_at);
select enable_tenant_isolation('visits.visit');
