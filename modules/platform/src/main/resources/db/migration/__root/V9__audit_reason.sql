-- Why someone acted, where the action needs a stated reason: a clinic administrator exports a patient's
-- record on request only after choosing why (the patient's own request, a transfer of care, a legal or a
-- payer's request). A code, never free text, so the trail still holds no PHI; what was touched stays in
-- resource.
alter table platform.audit_event add column reason text check (reason ~ '^[a-z0-9][a-z0-9-]{0,39}$');
