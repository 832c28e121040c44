-- What a caseload row shows beside the reasons: the pain after the last session, and the sessions
-- of the current week (counted from Monday, UTC) against the days a week the plan asks for.
alter table careteams.caseload_entry
    add column last_pain           integer check (last_pain between 0 and 10),
    add column sessions_week_start date,
    add column sessions_this_week  integer not null default 0 check (sessions_this_week >= 0),
    add column planned_per_week    integer check (planned_per_week between 0 and 7);
