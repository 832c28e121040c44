-- The education library. Stride's own lessons ship with the application (library/lessons.json and
-- its Spanish beside it) and are read from there, like the catalogue's words; a clinic adds lessons
-- of its own here. A clinic lesson's slug is unique in the clinic; the application does not give it
-- one of Stride's. Its text is the clinic's, shown as written, never as markup.
create table programs.custom_lesson (
    tenant_id   text        not null default current_setting('stride.tenant_id', true)
                            references platform.clinic (id),
    slug        text        not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title       text        not null check (length(trim(title)) between 1 and 100),
    takeaway    text        not null check (length(trim(takeaway)) between 1 and 200),
    paragraphs  text[]      not null check (cardinality(paragraphs) between 1 and 40),
    reviewed_on date        not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, slug)
);
select enable_tenant_isolation('programs.custom_lesson');

-- The lessons of a template and of a plan, in the order a patient gets them (one a day). A template
-- whose list was never set has its catalogue's default (Stride's templates) or none (the clinic's
-- own); a plan whose list was never set (assigned before lessons existed) has its template's.
alter table programs.template add column lessons text[];
alter table programs.plan add column lessons text[];

-- The lessons a patient has read (the first time counts), and the lesson a patient was shown as
-- today's on a day of their time zone: fixed for that day once shown.
create table programs.lesson_read (
    tenant_id  text        not null default current_setting('stride.tenant_id', true)
                           references platform.clinic (id),
    patient_id uuid        not null,
    slug       text        not null,
    read_at    timestamptz not null,
    primary key (tenant_id, patient_id, slug)
);
select enable_tenant_isolation('programs.lesson_read');

create table programs.lesson_day (
    tenant_id  text        not null default current_setting('stride.tenant_id', true)
                           references platform.clinic (id),
    patient_id uuid        not null,
    day        date        not null,
    slug       text        not null,
    shown_at   timestamptz not null,
    primary key (tenant_id, patient_id, day)
);
select enable_tenant_isolation('programs.lesson_day');
