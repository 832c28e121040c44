-- The last day a sponsor covers the patient, when their sponsor's roster names an end (null: no end
-- known). Written only from eligibility's CoverageEnding and MemberReinstated, as eligibility says now.
alter table patients.patient add column coverage_ends_on date;
