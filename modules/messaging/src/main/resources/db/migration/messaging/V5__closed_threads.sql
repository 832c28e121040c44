-- A thread closes when its patient's episode of care ends (a discharge) and opens again with the
-- next episode. While it is closed the patient cannot write; the care team still may.
alter table messaging.thread add column closed_at timestamptz;
