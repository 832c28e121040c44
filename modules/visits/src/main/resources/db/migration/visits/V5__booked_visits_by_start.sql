-- The missed-visit job asks every minute, clinic by clinic, for booked visits that started a while
-- ago; the booked ones are few next to a clinic's history, so they get an index of their own.
create index visit_booked_by_start on visits.visit (tenant_id, starts_at) where status = 'BOOKED';
