-- Rows take the clinic of the transaction that writes them, so an INSERT never names tenant_id and
-- row-level security still refuses a row of another clinic. eligibility.member is left alone: the
-- application cannot insert into it, and each roster load table carries its own clinic as default
-- (begin_roster_load), which the binary COPY relies on.
alter table eligibility.sponsor        alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table eligibility.sponsor_admin  alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table eligibility.roster_import  alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table eligibility.coverage_check alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table eligibility.enrollment     alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table eligibility.activity       alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table eligibility.pending_signup alter column tenant_id set default current_setting('stride.tenant_id', true);
