-- The last day of cover Stride has announced for each member who signed up (null: not ending).
-- Every roster import, and every signup, compares it with the roster's coverage_end and announces
-- what changed (CoverageEnding, MemberReinstated), so the same file twice announces nothing.
-- Enrollments stored before start empty: the sponsor's next import announces their ends.
alter table eligibility.enrollment add column coverage_ends_on date;
