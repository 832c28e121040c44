-- Successful coverage checks: a member was found on a sponsor's roster. The id is handed to the
-- person who checked, as proof for signing up; it can be used once, and only until it expires.
create table eligibility.coverage_check (
    tenant_id  text        not null,
    id         uuid        not null,
    sponsor_id uuid        not null,
    member_ref uuid        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, sponsor_id) references eligibility.sponsor (tenant_id, id),
    foreign key (tenant_id, member_ref) references eligibility.member (tenant_id, id)
);
select enable_tenant_isolation('eligibility.coverage_check');
