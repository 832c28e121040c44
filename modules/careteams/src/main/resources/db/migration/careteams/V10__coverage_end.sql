-- The end of a patient's sponsored cover, as the patients module has it (CoverageEndChanged), and the
-- first day their portal turns read-only unless the clinic moves them to another payer (null when it did).
alter table careteams.caseload_entry
    add column coverage_ends_on      date,
    add column portal_read_only_from date;
