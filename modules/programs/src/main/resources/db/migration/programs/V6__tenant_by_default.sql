-- Every tenant-owned table of the module takes its clinic from the transaction's setting, so
-- INSERTs no longer name tenant_id; row-level security still refuses a row of another clinic.
-- The shared library (programs.exercise) has no tenant and is left alone.
alter table programs.template alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.plan alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.plan_version alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.hold alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.custom_exercise alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.tailoring_facts alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.session alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.session_exercise alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.walk alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.progression_suggestion alter column tenant_id set default current_setting('stride.tenant_id', true);
alter table programs.psfs_assessment alter column tenant_id set default current_setting('stride.tenant_id', true);
