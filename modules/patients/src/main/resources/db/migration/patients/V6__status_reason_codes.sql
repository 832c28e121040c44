-- A status change the system makes gives its reason as a message code, shown in the reader's
-- language; a reason a person typed stays in reason, as written. Changes stored before keep their
-- reason text.
alter table patients.status_change
    add column reason_code text,
    alter column reason drop not null,
    add constraint status_change_has_reason check (reason is not null or reason_code is not null);
