-- Why a patient waits is a message code with its arguments, shown in the reader's language. Reasons
-- written before hold English text, shown as they are.
alter table careteams.awaiting_assignment add column reason_args text[] not null default '{}';
