-- The emails owed to patients about their visits: a confirmation when a visit is booked, moved or
-- cancelled, and reminders 24 hours and 1 hour before it. A row is written when the event is heard
-- and sent by the notice job once it is due; the job claims rows with "for update skip locked", so
-- with several nodes each row is sent by one of them. The unique key (visit, kind, sequence) makes a
-- redelivered event write nothing new. sequence is the visit's number of moves when the row was
-- written: a reminder whose visit was moved since (or is no longer booked) is dropped, not sent,
-- and the move wrote the reminders of the new time.
create table visits.visit_email (
    tenant_id  text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id         uuid        not null default gen_random_uuid(),
    visit_id   uuid        not null,
    kind       text        not null check (kind in ('BOOKED', 'RESCHEDULED', 'CANCELLED', 'REMINDER_24H', 'REMINDER_1H')),
    sequence   int         not null check (sequence >= 0),
    due_at     timestamptz not null,
    done_at    timestamptz,
    outcome    text        check (outcome in ('SENT', 'NOT_WANTED', 'NO_ADDRESS', 'NO_SERVER', 'OUTDATED')),
    primary key (tenant_id, id),
    unique (tenant_id, visit_id, kind, sequence),
    foreign key (tenant_id, visit_id) references visits.visit (tenant_id, id),
    check ((done_at is null) = (outcome is null))
);
create index visit_email_due on visits.visit_email (tenant_id, due_at) where done_at is null;
select enable_tenant_isolation('visits.visit_email');

-- A clinician's private calendar feed: only the SHA-256 digest of its secret token is kept, one
-- feed per clinician (a new one replaces the old, revoking it; revoking deletes the row).
--
-- A calendar app fetches the feed without signing in, so Stride must find the feed's clinic from
-- the token alone, before any clinic is bound. The tenant policy hides every row then; a second
-- policy, for reading only, shows the one row whose digest the transaction names in
-- stride.calendar_feed (set transaction-locally by the feed route). Knowing a digest needs the
-- token, so this reveals no other row, writes stay under the tenant policy, and once the clinic and
-- clinician are known the visits are read with the clinic bound as usual.
create table visits.calendar_feed (
    tenant_id  text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    host_id    uuid        not null,
    digest     bytea       not null check (length(digest) = 32),
    created_at timestamptz not null,
    primary key (tenant_id, host_id),
    foreign key (tenant_id, host_id) references visits.host (tenant_id, id)
);
-- not unique: 256-bit tokens do not collide, and a unique index without tenant_id could not be kept
-- when tables are distributed by tenant
create index calendar_feed_by_digest on visits.calendar_feed (digest);
select enable_tenant_isolation('visits.calendar_feed');
create policy calendar_feed_by_token on visits.calendar_feed for select
    using (digest = decode(nullif(current_setting('stride.calendar_feed', true), ''), 'hex'));
