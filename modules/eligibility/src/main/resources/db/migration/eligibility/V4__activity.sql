-- Days on which an enrolled member was active (did a session, logged a walk...), reported by the
-- modules that see the activity. One row per member and day; nothing about what they did.
create table eligibility.activity (
    tenant_id  text not null,
    member_ref uuid not null,
    day        date not null,
    primary key (tenant_id, member_ref, day),
    foreign key (tenant_id, member_ref) references eligibility.member (tenant_id, id)
);
select enable_tenant_isolation('eligibility.activity');
