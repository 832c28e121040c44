-- The video room of a visit. Sound and pictures go from browser to browser; Stride keeps who is in
-- the room and carries the signalling (offers, answers, network candidates) between them.

-- When someone first came into the room (the visit started, so it is not missed), when the
-- clinician first let someone in (the call began) and when the clinician ended the call.
alter table visits.visit
    add column room_joined_at  timestamptz,
    add column call_started_at timestamptz,
    add column call_ended_at   timestamptz;

-- Everyone in a room, one row per connection (a reload is a new connection). A peer waits until the
-- clinician admits them; a patient or guest admitted once is admitted again at once on reconnecting.
-- seen_at is renewed while the connection lives, so a node that died leaves no one standing in a room.
create table visits.room_peer (
    tenant_id    text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id           uuid        not null,
    visit_id     uuid        not null,
    role         text        not null check (role in ('PATIENT', 'CLINICIAN', 'GUEST')),
    username     text,
    guest_id     uuid,
    display_name text        not null check (length(display_name) between 1 and 200),
    joined_at    timestamptz not null,
    admitted_at  timestamptz,
    left_at      timestamptz,
    seen_at      timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, visit_id) references visits.visit (tenant_id, id),
    check ((role = 'GUEST') = (guest_id is not null) and (role = 'GUEST') = (username is null))
);
create index room_peer_present on visits.room_peer (tenant_id, visit_id) where left_at is null;
select enable_tenant_isolation('visits.room_peer');

-- Messages between the peers of a room on their way through PostgreSQL, so that peers connected to
-- different nodes reach each other: a node writes the message and announces it with
-- pg_notify('stride_room', '<tenant> <id>'); every node listens, reads it with the clinic bound and
-- hands it to its own connections in that room (to one peer, or to all when recipient is null).
-- Kept a minute, then removed. Unlogged: a message is worth nothing after a crash.
create unlogged table visits.room_signal (
    tenant_id  text        not null default current_setting('stride.tenant_id', true),
    id         bigint      generated always as identity,
    visit_id   uuid        not null,
    sender     uuid        not null,
    recipient  uuid,
    body       text        not null check (length(body) <= 65536),
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
);
create index room_signal_age on visits.room_signal (tenant_id, created_at);
select enable_tenant_isolation('visits.room_signal');

-- The text side-channel of a call, kept until it is saved into the patient's thread when the call ends.
create table visits.room_chat (
    tenant_id   text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id          uuid        not null default gen_random_uuid(),
    visit_id    uuid        not null,
    peer_id     uuid        not null,
    author_name text        not null,
    author_role text        not null check (author_role in ('PATIENT', 'CLINICIAN', 'GUEST')),
    body        text        not null check (length(body) between 1 and 2000),
    sent_at     timestamptz not null,
    saved_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, visit_id) references visits.visit (tenant_id, id)
);
create index room_chat_unsaved on visits.room_chat (tenant_id, visit_id, sent_at) where saved_at is null;
select enable_tenant_isolation('visits.room_chat');

-- A third participant's one-time link: an interpreter or a caregiver the clinician names. Only the
-- SHA-256 digest of the link's secret is kept. The link works once, for that visit, until the
-- visit's end, and its holder still waits to be admitted.
--
-- The holder has no account, so Stride must find the link's clinic from the secret alone, before
-- any clinic is bound: as for calendar feeds, a second policy, for reading only, shows the one row
-- whose digest the transaction names in stride.room_guest. Using the link is then a write with the
-- clinic bound as usual.
create table visits.room_guest (
    tenant_id    text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id           uuid        not null default gen_random_uuid(),
    visit_id     uuid        not null,
    display_name text        not null check (length(display_name) between 1 and 100),
    relation     text        not null check (relation in ('INTERPRETER', 'CAREGIVER')),
    digest       bytea       not null check (length(digest) = 32),
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, visit_id) references visits.visit (tenant_id, id)
);
create index room_guest_by_digest on visits.room_guest (digest);
select enable_tenant_isolation('visits.room_guest');
create policy room_guest_by_token on visits.room_guest for select
    using (digest = decode(nullif(current_setting('stride.room_guest', true), ''), 'hex'));
