-- What a clinic is beyond its name: where it works (time zone, the US states it serves), how its
-- patients reach it, its logo, how long a patient whose sponsored coverage ended keeps full use of
-- the portal, and whether its access is paused. A suspended clinic keeps everything; its members
-- cannot sign in to work until it is reactivated.
alter table platform.clinic
    add column time_zone           text     not null default 'America/Los_Angeles',
    add column states              text[]   not null default '{}'
        check (array_to_string(states, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'),
    add column support_phone       text     check (support_phone ~ '^\+?[0-9 ()./-]{7,25}$'),
    add column support_email       text     check (length(support_email) between 3 and 254),
    add column logo                bytea    check (octet_length(logo) <= 204800),
    add column logo_type           text     check (logo_type in ('image/png', 'image/svg+xml')),
    add column coverage_grace_days smallint not null default 30 check (coverage_grace_days between 0 and 365),
    add column suspended_at        timestamptz,
    add constraint clinic_logo_typed check ((logo is null) = (logo_type is null));
