-- A patient the clinic invited itself (referred by a doctor, paying themselves or by insurance, or
-- covered by one of the clinic's sponsors): who invited them, when, and who referred them.
-- email_key and person_key are SHA-256 digests of the address (lower-cased) and of the name
-- (lower-cased) with the date of birth: unique per clinic, they keep two invitations of one person
-- sent at the same moment from opening two records, without copying who the person is.
create table patients.invitation (
    tenant_id       text        not null default current_setting('stride.tenant_id', true),
    patient_id      uuid        not null,
    invited_by      text        not null,
    invited_at      timestamptz not null,
    referral_source text check (length(referral_source) between 1 and 200),
    email_key       text        not null,
    person_key      text        not null,
    primary key (tenant_id, patient_id),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id),
    unique (tenant_id, email_key),
    unique (tenant_id, person_key)
);
select enable_tenant_isolation('patients.invitation');
