-- What Stride posts into a thread is kept as a message code with its arguments and shown in the
-- reader's language. Older system messages keep their English text in body, and are shown as it.
alter table messaging.message
    alter column body drop not null,
    add column body_code text,
    add column body_args text[] not null default '{}',
    add constraint message_has_text check (body is not null or body_code is not null),
    add constraint message_code_is_stride_s check (body_code is null or sender_role = 'SYSTEM');
