-- A page or API answer that lists patients (a caseload, an inbox, the assignment queue) is one
-- entry naming every patient it showed, rather than one entry per line: the trail still answers
-- "who saw this patient, when" without growing by a page's length at every view. The entry stays
-- under the table's tenant policy and the application still may not change or delete it.
alter table platform.audit_event add column patients_shown uuid[];
create index audit_event_by_patient_shown on platform.audit_event using gin (patients_shown);
