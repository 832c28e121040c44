-- Rows take the clinic of the transaction that writes them, so an INSERT never names tenant_id and
-- row-level security still refuses a row of another clinic.
alter table patients.patient            alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table patients.status_change      alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table patients.consent            alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table patients.intake             alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table patients.red_flag_report    alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table patients.care_team          alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table patients.departed_clinician alter column tenant_id set default current_setting('stride.tenant_id', true);
