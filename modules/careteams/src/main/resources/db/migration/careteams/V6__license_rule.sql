-- The license rule, stated once for SQL as License.licensedIn states it for Java: a therapist may
-- treat patients of a state on a day if they hold a license or compact privilege for that state
-- that expires on that day or later. Every query that asks uses this function. Row-level security
-- applies as in the caller's own query (security invoker).
create function careteams.licensed(clinician uuid, in_state text, on_day date) returns boolean
    language sql stable
as $$
    select exists (select 1 from careteams.license l
                   where l.clinician_id = clinician and l.state = in_state and l.expires_on >= on_day)
$$;
