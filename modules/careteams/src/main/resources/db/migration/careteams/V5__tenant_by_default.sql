-- The clinic of a new row is the transaction's clinic, so INSERTs no longer name it.
alter table careteams.clinician alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table careteams.license alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table careteams.caseload_entry alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table careteams.awaiting_assignment alter column tenant_id set default current_setting('stride.tenant_id', true);
