-- A clinic's integration reads every patient's sessions and walks in time order, a page at a time (FHIR
-- Observation search without a subject): these find a page without sorting the clinic's whole history,
-- in the order the pages are cut (newest first, records of the same moment by id). One patient's are
-- found through session_by_patient and walk_by_patient.
create index session_by_time on programs.session (tenant_id, performed_at desc, id);
create index walk_by_time on programs.walk (tenant_id, walked_at desc, id);
