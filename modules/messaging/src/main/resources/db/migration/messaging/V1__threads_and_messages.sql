create schema messaging;

-- One thread per patient with their care team. last_seq numbers the messages: each new message takes
-- the next number under the thread's row lock, so the order is exact however many write at once.
create table messaging.thread (
    tenant_id       text        not null references platform.clinic (id),
    id              uuid        not null,
    patient_id      uuid        not null,
    urgent          boolean     not null default false,
    last_seq        bigint      not null default 0,
    last_message_at timestamptz,
    created_at      timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, patient_id)
);
select enable_tenant_isolation('messaging.thread');

-- Who takes part: the patient, and the therapist and coach of their care team. A clinician who is
-- no longer on the care team stays with active = false, so the history keeps its names. What each
-- participant has had delivered and has read is a message number, so unread counts are exact.
create table messaging.participant (
    tenant_id          text        not null,
    thread_id          uuid        not null,
    username           text        not null,
    role               text        not null check (role in ('PATIENT', 'THERAPIST', 'COACH')),
    display_name       text        not null,
    active             boolean     not null,
    joined_at          timestamptz not null,
    last_delivered_seq bigint      not null default 0,
    last_read_seq      bigint      not null default 0,
    primary key (tenant_id, thread_id, username),
    foreign key (tenant_id, thread_id) references messaging.thread (tenant_id, id)
);
create index participant_by_username on messaging.participant (tenant_id, username) where active;
select enable_tenant_isolation('messaging.participant');

-- The messages, numbered within their thread. System messages have no sender and a key that makes
-- posting them twice impossible.
create table messaging.message (
    tenant_id       text        not null,
    thread_id       uuid        not null,
    seq             bigint      not null,
    id              uuid        not null,
    sender_username text,
    sender_role     text        not null check (sender_role in ('PATIENT', 'THERAPIST', 'COACH', 'SYSTEM')),
    sender_name     text        not null,
    body            text        not null check (length(body) between 1 and 5000),
    sent_at         timestamptz not null,
    system_key      text,
    primary key (tenant_id, thread_id, seq),
    unique (tenant_id, id),
    unique (tenant_id, system_key),
    foreign key (tenant_id, thread_id) references messaging.thread (tenant_id, id),
    check ((sender_role = 'SYSTEM') = (sender_username is null))
);
select enable_tenant_isolation('messaging.message');

-- A clinic's saved replies for its clinicians.
create table messaging.quick_reply (
    tenant_id  text        not null references platform.clinic (id),
    id         uuid        not null,
    title      text        not null check (length(trim(title)) between 1 and 80),
    body       text        not null check (length(body) between 1 and 2000),
    created_by text        not null,
    created_at timestamptz not null,
    primary key (tenant_id, id)
);
select enable_tenant_isolation('messaging.quick_reply');
