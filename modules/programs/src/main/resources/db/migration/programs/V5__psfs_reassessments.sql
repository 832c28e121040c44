-- The patient's Patient-Specific Functional Scale, rated again every four weeks: the activities they
-- named at intake, each 0 (cannot do) to 10 (as before), and the mean.
create table programs.psfs_assessment (
    tenant_id   text         not null references platform.clinic (id),
    patient_id  uuid         not null,
    id          uuid         not null,
    assessed_at timestamptz  not null,
    items       jsonb        not null,
    mean        numeric(4,2) not null check (mean between 0 and 10),
    primary key (tenant_id, id)
);
create index psfs_assessment_by_patient on programs.psfs_assessment (tenant_id, patient_id, assessed_at);
select enable_tenant_isolation('programs.psfs_assessment');
