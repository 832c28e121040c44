-- Spring Modulith's event publication registry (JPA, schema v2): every event handed to a
-- listener is stored here in the publishing transaction and marked complete after the
-- listener ran, so nothing is lost when the process dies in between.
create table event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    integer                  not null default 0,
    last_resubmission_date timestamp with time zone
);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);

-- One switch that every module migration calls for each tenant-owned table, so no table can
-- get a weaker policy than the others. The tenant is the transaction-local setting
-- stride.tenant_id; when it is not set, current_setting(..., true) is null and no row matches.
create function enable_tenant_isolation(tbl regclass) returns void
    language plpgsql
as
$$
begin
    execute format('alter table %s enable row level security', tbl);
    execute format('alter table %s force row level security', tbl);
    execute format(
        'create policy tenant_isolation on %s '
        'using (tenant_id = current_setting(''stride.tenant_id'', true)) '
        'with check (tenant_id = current_setting(''stride.tenant_id'', true))', tbl);
end;
$$;
revoke execute on function enable_tenant_isolation(regclass) from public;
