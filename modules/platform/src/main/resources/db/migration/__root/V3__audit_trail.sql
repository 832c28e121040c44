-- The audit trail: one row per read or write of a patient's data, per sign-in, per denied access
-- and per export. Append-only for the application: it may insert and read, never change or
-- delete. Rows hold ids and codes only, never PHI.

create table platform.audit_event (
    tenant_id   text        not null references platform.clinic (id),
    id          uuid        not null,
    occurred_at timestamptz not null,
    actor_id    text        not null,
    actor_role  text,
    action      text        not null check (action in ('SIGN_IN', 'ACCESS_DENIED', 'READ', 'WRITE', 'EXPORT')),
    outcome     text        not null check (outcome in ('SUCCESS', 'DENIED', 'FAILED')),
    patient_id  uuid,
    resource    text,
    request_id  text,
    primary key (tenant_id, id)
);
create index audit_event_by_patient on platform.audit_event (tenant_id, patient_id, occurred_at);
create index audit_event_by_time on platform.audit_event (tenant_id, occurred_at);

select enable_tenant_isolation('platform.audit_event');

-- What happens outside any clinic: platform administrators, and people whose account belongs
-- to no clinic (or to several) and who are therefore turned away.
create table platform.platform_audit_event (
    id          uuid        not null primary key,
    occurred_at timestamptz not null,
    actor_id    text        not null,
    actor_role  text,
    action      text        not null check (action in ('SIGN_IN', 'ACCESS_DENIED', 'READ', 'WRITE', 'EXPORT')),
    outcome     text        not null check (outcome in ('SUCCESS', 'DENIED', 'FAILED')),
    resource    text,
    request_id  text
);
create index platform_audit_event_by_time on platform.platform_audit_event (occurred_at);

revoke update, delete, truncate on platform.audit_event, platform.platform_audit_event from stride_app;
