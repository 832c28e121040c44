-- Readers outside the visit pages (the FHIR API) list a clinic's visits by their start, a page at a
-- time, whatever their status; one patient's come from visit_by_patient.
create index visit_by_start on visits.visit (tenant_id, starts_at, id);
