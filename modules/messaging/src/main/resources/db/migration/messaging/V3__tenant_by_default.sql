-- The clinic of a new row is the transaction's clinic, so INSERTs no longer name it.
alter table messaging.thread alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table messaging.participant alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table messaging.message alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table messaging.quick_reply alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table messaging.notification_preference alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table messaging.email_notice alter column tenant_id set default current_setting('stride.tenant_id', true);
