-- The language a patient reads Stride in (pages and emails), chosen at signup and on the profile page.
alter table patients.patient
    add column language text not null default 'en' check (language in ('en', 'es'));
