-- The start of the patient's latest missed visit while it still needs the care team: it clears when
-- a visit booked after it, or a later visit held, shows the patient is back on track (recomputed from
-- the visits module's API on every visit event, so late or repeated events agree).
alter table careteams.caseload_entry add column missed_visit_at timestamptz;
