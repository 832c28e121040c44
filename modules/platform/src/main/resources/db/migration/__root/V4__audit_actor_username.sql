-- The username of whoever acted, so a patient can be shown who opened their record. Staff
-- usernames are not patient data; for a patient acting on their own record it is their own.
alter table platform.audit_event add column actor_username text;
alter table platform.platform_audit_event add column actor_username text;
