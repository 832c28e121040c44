-- A therapist who leaves the clinic leaves every care team at once. When no other therapist has
-- room, the patient keeps their coach (if any) and waits for a therapist, so the therapist may be
-- missing from a care team of record.
alter table patients.care_team
    alter column therapist_id drop not null,
    alter column therapist_username drop not null,
    alter column therapist_name drop not null,
    add constraint care_team_therapist_whole check ((therapist_id is null) = (therapist_username is null)
        and (therapist_id is null) = (therapist_name is null)),
    add constraint care_team_not_empty check (therapist_id is not null or coach_id is not null);

-- Clinicians who left the clinic: no care-team check lets them in again, whatever a late event says.
create table patients.departed_clinician (
    tenant_id   text        not null,
    username    text        not null,
    departed_at timestamptz not null,
    primary key (tenant_id, username)
);
select enable_tenant_isolation('patients.departed_clinician');
