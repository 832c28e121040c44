-- Readers outside the thread pages (the FHIR API) list messages by the time they were sent, a page at
-- a time: one patient's (through their thread) or the whole clinic's. Both orders come from an index,
-- so a page deep into a long history is read without sorting it all.
create index message_by_thread_and_time on messaging.message (tenant_id, thread_id, sent_at, id);
create index message_by_time on messaging.message (tenant_id, sent_at, id);
