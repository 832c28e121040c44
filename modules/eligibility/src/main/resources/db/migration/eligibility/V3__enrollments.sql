-- A member who signed up: counted as enrolled by their sponsor. Holds what the patients module
-- needs to open the patient record; reading it is the patients module's part, not the sponsor's.
create table eligibility.enrollment (
    tenant_id   text        not null,
    id          uuid        not null,
    sponsor_id  uuid        not null,
    member_ref  uuid        not null,
    patient_id  uuid        not null,
    account_id  text        not null,
    username    text        not null,
    email       text        not null,
    state       text        not null check (state ~ '^[A-Z]{2}$'),
    time_zone   text        not null,
    enrolled_at timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, member_ref),
    foreign key (tenant_id, sponsor_id) references eligibility.sponsor (tenant_id, id),
    foreign key (tenant_id, member_ref) references eligibility.member (tenant_id, id)
);
create index enrollment_by_sponsor on eligibility.enrollment (tenant_id, sponsor_id, enrolled_at);
select enable_tenant_isolation('eligibility.enrollment');
