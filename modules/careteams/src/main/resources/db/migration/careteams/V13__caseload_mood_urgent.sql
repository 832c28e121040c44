-- How many of the patient's urgent mood screenings no clinician has reviewed yet: any is a caseload
-- reason as urgent as a red flag (mood-urgent). Rebuilt from the patients module's Screenings API with
-- the rest of the patient's row, so late or repeated events agree.
alter table careteams.caseload_entry
    add column open_mood_urgent integer not null default 0 check (open_mood_urgent >= 0);
