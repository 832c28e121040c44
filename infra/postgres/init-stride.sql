-- Roles for Stride, run once by a superuser while connected to the (empty) database "stride".
-- The embedded local server runs this file on first start; docker-compose mounts it into the
-- image's init directory. Production provisions the same roles with its own secrets.
--
-- stride_owner owns every schema and table and runs Flyway.
-- stride_app is what the application connects as: it owns nothing and cannot bypass row-level
-- security, so the tenant policies hold even if the application has a bug.

create role stride_owner with login password 'stride-owner' nosuperuser nocreatedb nocreaterole;
create role stride_app with login password 'stride-app' nosuperuser nocreatedb nocreaterole nobypassrls;

alter database stride owner to stride_owner;
revoke all on database stride from public;
grant connect, temporary on database stride to stride_app;

-- Every schema and table Flyway creates later becomes usable, never owned, by the application.
alter default privileges for role stride_owner grant usage on schemas to stride_app;
alter default privileges for role stride_owner grant select, insert, update, delete on tables to stride_app;
alter default privileges for role stride_owner grant usage, select on sequences to stride_app;
