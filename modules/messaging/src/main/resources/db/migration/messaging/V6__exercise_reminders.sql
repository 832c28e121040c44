-- A patient's exercise reminders: off until they turn them on; the local time of day they want one,
-- the weekdays they exercise (bit 0 Monday ... bit 6 Sunday), the quiet hours in which none is ever
-- sent (from > until wraps past midnight), and the ways to reach them. Times are wall-clock times in
-- the patient's own zone, which patients keeps.
create table messaging.reminder_setting (
    tenant_id   text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    patient_id  uuid        not null,
    enabled     boolean     not null,
    remind_at   time        not null,
    weekdays    smallint    not null check (weekdays between 0 and 127),
    quiet_from  time        not null,
    quiet_until time        not null check (quiet_until <> quiet_from),
    by_email    boolean     not null,
    by_push     boolean     not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, patient_id),
    check (not enabled or weekdays > 0)
);
select enable_tenant_isolation('messaging.reminder_setting');

-- Every reminder sent, one a day at most: the job claims the day by inserting the row (on conflict do
-- nothing) in a short transaction of its own before it sends, so of two nodes that find the same
-- reminder due only one gets the row and sends; the other finds the day taken. The outcome (by_email,
-- pushes) is written after sending; a claim that delivered nothing is deleted so a later run tries
-- again. local_date is the patient's date.
create table messaging.exercise_reminder (
    tenant_id   text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    patient_id  uuid        not null,
    local_date  date        not null,
    sent_at     timestamptz not null,
    by_email    boolean     not null default false,
    pushes      int         not null default 0 check (pushes >= 0),
    primary key (tenant_id, patient_id, local_date)
);
select enable_tenant_isolation('messaging.exercise_reminder');

-- The browsers a patient allowed to show reminders (Web Push). Only the push service's address is
-- kept: pushes carry no payload, so the browser's encryption keys are not needed.
create table messaging.push_subscription (
    tenant_id   text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    patient_id  uuid        not null,
    endpoint    text        not null check (octet_length(endpoint) between 12 and 2048),
    created_at  timestamptz not null,
    primary key (tenant_id, patient_id, endpoint)
);
select enable_tenant_isolation('messaging.push_subscription');
