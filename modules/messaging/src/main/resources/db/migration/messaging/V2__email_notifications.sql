-- Whether a user wants an email when a message waits for them (on unless they turn it off).
create table messaging.notification_preference (
    tenant_id     text        not null references platform.clinic (id),
    username      text        not null,
    email_enabled boolean     not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, username)
);
select enable_tenant_isolation('messaging.notification_preference');

-- The email notice owed to a patient: pending since the first message it is about, sent at most
-- once every 15 minutes, so a burst of messages makes one email.
create table messaging.email_notice (
    tenant_id     text        not null references platform.clinic (id),
    patient_id    uuid        not null,
    pending_since timestamptz,
    last_sent_at  timestamptz,
    primary key (tenant_id, patient_id)
);
select enable_tenant_isolation('messaging.email_notice');
