-- The versions of a consent document a clinic published, in its own words: English always,
-- Spanish when the clinic wrote one (patients reading Spanish see the English otherwise). The
-- latest is the current version; a clinic that published none asks for Stride's default text
-- (stride.consents.*). Versions are never changed or removed: patients.consent names the version
-- each patient agreed to, and that text must stay readable.
create table patients.consent_version (
    tenant_id    text        not null default current_setting('stride.tenant_id', true),
    document     text        not null check (document in ('TELEHEALTH', 'PRIVACY')),
    version      integer     not null check (version > 0),
    text_en      text        not null check (length(text_en) between 1 and 10000),
    text_es      text        check (length(text_es) between 1 and 10000),
    published_at timestamptz not null,
    published_by text        not null check (length(published_by) between 1 and 255),
    primary key (tenant_id, document, version)
);
select enable_tenant_isolation('patients.consent_version');
