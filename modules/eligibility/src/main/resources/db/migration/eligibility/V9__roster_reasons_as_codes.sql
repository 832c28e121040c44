-- Why an import failed is kept as a message code with its arguments and put in words in the
-- reader's language when shown. Imports that failed before keep their English sentence in
-- failure and are shown as written. (Rejected lines in errors change shape inside the jsonb:
-- {line, code, arguments} now, {line, message} before.)
alter table eligibility.roster_import
    add column failure_code      text,
    add column failure_arguments jsonb not null default '[]';
