-- A signup waiting for the member to open the link emailed to them. Its Keycloak account exists,
-- disabled; nothing is enrolled yet. Only a hash of the link's single-use token is kept, so this
-- table cannot be used to confirm anybody's signup. Unconfirmed rows expire and are removed with
-- their accounts.
create table eligibility.pending_signup (
    tenant_id  text        not null,
    id         uuid        not null,
    token_hash bytea       not null check (length(token_hash) = 32),
    sponsor_id uuid        not null,
    member_id  text        not null,
    account_id text        not null,
    username   text        not null,
    email      text        not null,
    state      text        not null check (state ~ '^[A-Z]{2}$'),
    time_zone  text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, token_hash),
    foreign key (tenant_id, sponsor_id) references eligibility.sponsor (tenant_id, id)
);
create index pending_signup_by_member on eligibility.pending_signup (tenant_id, sponsor_id, member_id);
create index pending_signup_by_expiry on eligibility.pending_signup (tenant_id, expires_at);
select enable_tenant_isolation('eligibility.pending_signup');
