-- Two more things a finished intake says that the plan is tailored by: how long the pain had lasted
-- then (with recorded_at, the fewest weeks since it started: hanging from a bar is flagged in the
-- first weeks) and whether the patient has spinal stenosis (their plan says how to walk with it).
-- Facts recorded before have neither.
alter table programs.tailoring_facts
    add column pain_duration text    check (pain_duration in ('ACUTE', 'SUBACUTE', 'CHRONIC')),
    add column stenosis      boolean not null default false;
