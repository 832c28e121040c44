-- A walk can flare like a session: the pain before it, where the pain went during it, and the flare
-- rule's verdict (ExerciseSession.isFlare). The existing pain column is the pain after the walk.
-- Walks logged before this kept one rating only: no pain before, no shift, and no flare.
alter table programs.walk
    add column pain_before   integer check (pain_before between 0 and 10),
    add column symptom_shift text    check (symptom_shift in ('NONE', 'CENTRALIZING', 'PERIPHERALIZING')),
    add column flare         boolean not null default false;

comment on column programs.walk.pain is 'the pain after the walk, 0 to 10';
