-- The language a patient reads Stride in (pages and emails), chosen at signup and on the profile page.
-- Null until the patient chooses: their pages then follow the browser's language, emails are English.
alter table patients.patient
    add column language text check (language in ('en', 'es'));
