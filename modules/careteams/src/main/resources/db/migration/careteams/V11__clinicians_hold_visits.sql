-- Every clinician so far holds visits in the visits module, in their clinic's time zone until they
-- set their own. New clinicians are enlisted there by the care teams module when they are added.
-- The tables are isolated per clinic, so the copy runs as each clinic in turn.
do
$$
declare
    clinic record;
begin
    for clinic in select id, time_zone from platform.clinic loop
        perform set_config('stride.tenant_id', clinic.id, true);
        insert into visits.host (id, username, display_name, kind, time_zone, active)
        select c.id, c.username, c.display_name, c.role, clinic.time_zone, c.active
        from careteams.clinician c
        on conflict do nothing;
    end loop;
    perform set_config('stride.tenant_id', '', true);
end;
$$;
