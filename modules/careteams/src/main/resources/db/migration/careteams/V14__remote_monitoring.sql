-- Remote therapeutic monitoring. The day of the initial set-up and patient education, as the therapist
-- confirmed it, once per episode of care (the code for it is billed once per episode); without one the
-- first plan of the episode stands in for it and nothing is stored.
create table careteams.monitoring_set_up (
    tenant_id    text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    patient_id   uuid        not null,
    episode      integer     not null check (episode >= 1),
    set_up_on    date        not null,
    confirmed_by uuid        not null,
    confirmed_at timestamptz not null,
    primary key (tenant_id, patient_id, episode),
    foreign key (tenant_id, confirmed_by) references careteams.clinician (tenant_id, id)
);
select enable_tenant_isolation('careteams.monitoring_set_up');

-- Time a therapist spent managing a patient's treatment, in whole minutes, on a day of the clinic's
-- calendar: timed by Stride (a chart open on screen, a video visit with a signed note) or entered by the
-- therapist (calls, writing messages). No free text: nothing clinical beyond the kind of work.
-- A timed chart review is one row per opening of the chart (view_id), grown by its heartbeats; a visit
-- is one row per visit (visit_id), so an event handled twice counts once.
create table careteams.treatment_time (
    tenant_id    text        not null default current_setting('stride.tenant_id', true) references platform.clinic (id),
    id           uuid        not null,
    patient_id   uuid        not null,
    clinician_id uuid        not null,
    activity     text        not null check (activity in ('CHART_REVIEW', 'MESSAGE', 'CALL', 'VISIT')),
    minutes      integer     not null check (minutes between 1 and 600),
    performed_on date        not null,
    source       text        not null check (source in ('TIMED', 'ENTERED')),
    view_id      uuid,
    visit_id     uuid,
    recorded_at  timestamptz not null,
    last_beat_at timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, clinician_id) references careteams.clinician (tenant_id, id),
    check (view_id is null or (source = 'TIMED' and activity = 'CHART_REVIEW' and last_beat_at is not null)),
    check (visit_id is null or (source = 'TIMED' and activity = 'VISIT'))
);
create index treatment_time_by_patient on careteams.treatment_time (tenant_id, patient_id, performed_on);
create unique index treatment_time_view on careteams.treatment_time (tenant_id, view_id) where view_id is not null;
create unique index treatment_time_visit on careteams.treatment_time (tenant_id, visit_id) where visit_id is not null;
create index treatment_time_beating on careteams.treatment_time (tenant_id, clinician_id, last_beat_at)
    where view_id is not null;
select enable_tenant_isolation('careteams.treatment_time');

-- Entries are kept as they were recorded: the application adds and grows them, never removes one.
revoke delete, truncate on careteams.treatment_time from stride_app;
