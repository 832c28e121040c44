-- Mood questionnaires (PHQ-2, PHQ-9, GAD-7) as the patient answered them: one row per questionnaire,
-- with its answers, the score and band they add up to, and whether it is urgent (any answer but "not
-- at all" to the PHQ-9's self-harm item). An urgent one stays open until a clinician reviews it with
-- a note (reviewed_at, reviewed_by, review_note). Sending the same answers twice stores two rows.
create table patients.screening (
    tenant_id   text        not null default current_setting('stride.tenant_id', true),
    id          uuid        not null,
    patient_id  uuid        not null,
    instrument  text        not null check (instrument in ('PHQ2', 'PHQ9', 'GAD7')),
    answers     smallint[]  not null,
    score       smallint    not null,
    severity    text        not null check (severity in ('MINIMAL', 'MILD', 'MODERATE', 'MODERATELY_SEVERE', 'SEVERE',
                                                         'NEGATIVE', 'POSITIVE')),
    urgent      boolean     not null,
    answered_at timestamptz not null,
    reviewed_at timestamptz,
    reviewed_by text,
    review_note text check (length(review_note) <= 2000),
    primary key (tenant_id, id),
    foreign key (tenant_id, patient_id) references patients.patient (tenant_id, id),
    check (cardinality(answers) = case instrument when 'PHQ2' then 2 when 'PHQ9' then 9 else 7 end),
    check (0 <= all (answers) and 3 >= all (answers)),
    check (score between 0 and 3 * cardinality(answers)),
    check (urgent = (instrument = 'PHQ9' and answers[9] > 0)),
    check ((reviewed_at is null) = (reviewed_by is null) and (reviewed_at is null) = (review_note is null)),
    check (urgent or reviewed_at is null)
);
create index screening_by_patient on patients.screening (tenant_id, patient_id, answered_at desc);
select enable_tenant_isolation('patients.screening');
