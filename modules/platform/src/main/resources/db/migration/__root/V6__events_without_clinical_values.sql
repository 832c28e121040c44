-- Events no longer carry clinical values (pain, intolerances, red-flag severity, progression
-- reasons): listeners read them through the publishing module's API. Publications stored before
-- are rewritten to the events' new shape, so that no clinical value stays in this table (which
-- has no row-level security) and an incomplete one, re-published on restart, is marked completed
-- (the registry finds a publication by its serialized text, which must be what Jackson now writes).
-- Jackson writes a record's components in their order, and the removed ones are the last, except
-- a progression's reason: cutting the text where the first removed one starts leaves exactly the
-- new serialization.
update event_publication
set serialized_event = left(serialized_event, strpos(serialized_event, ',"proneIntolerant":') - 1) || '}'
where event_type = 'health.stride.patients.IntakeCompleted' and strpos(serialized_event, ',"proneIntolerant":') > 0;

update event_publication
set serialized_event = left(serialized_event, strpos(serialized_event, ',"emergency":') - 1) || '}'
where event_type = 'health.stride.patients.RedFlagsReported' and strpos(serialized_event, ',"emergency":') > 0;

update event_publication
set serialized_event = left(serialized_event, strpos(serialized_event, ',"anyOpen":') - 1) || '}'
where event_type = 'health.stride.patients.RedFlagsCleared' and strpos(serialized_event, ',"anyOpen":') > 0;

update event_publication
set serialized_event = left(serialized_event, strpos(serialized_event, ',"exercisesDone":') - 1) || '}'
where event_type = 'health.stride.programs.ExerciseSessionLogged' and strpos(serialized_event, ',"exercisesDone":') > 0;

update event_publication
set serialized_event = left(serialized_event, strpos(serialized_event, ',"painBefore":') - 1) || '}'
where event_type = 'health.stride.programs.PainFlareReported' and strpos(serialized_event, ',"painBefore":') > 0;

update event_publication
set serialized_event = regexp_replace(serialized_event, ',"reason":"(?:[^"\\]|\\.)*"', '')
where event_type = 'health.stride.programs.ProgressionSuggested' and strpos(serialized_event, ',"reason":') > 0;
