package health.stride.programs.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.programs.ExerciseLibrary;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;
import tools.jackson.databind.json.JsonMapper;

/** The current clinic's program templates: the rules of a template's content, over {@link TemplateRecords}. */
@Service
@Transactional(readOnly = true)
class TemplateService implements ProgramTemplates {

	private final TemplateRecords records;
	private final ExerciseLibrary library;
	private final JsonMapper json;
	private final Clock clock;

	TemplateService(TemplateRecords records, ExerciseLibrary library, JsonMapper json, Clock clock) {
		this.records = records;
		this.library = library;
		this.json = json;
		this.clock = clock;
	}

	@Override
	@Transactional
	public ProgramTemplate create(Draft draft, String createdBy) {
		check(draft);
		var id = UUID.randomUUID();
		records.insert(id, null, draft, createdBy, clock.instant());
		return records.find(id).orElseThrow();
	}

	@Override
	@Transactional
	public ProgramTemplate update(UUID id, long expectedVersion, Draft draft) {
		check(draft);
		if (!records.update(id, expectedVersion, draft, clock.instant())) {
			throw new StaleVersion();
		}
		return records.find(id).orElseThrow();
	}

	private void check(Draft draft) {
		if (draft.phases().isEmpty()) {
			throw new IllegalArgumentException("A template has at least one phase.");
		}
		for (var phase : draft.phases()) {
			if (phase.exercises().isEmpty()) {
				throw new IllegalArgumentException("Every phase has at least one exercise.");
			}
			for (var exercise : phase.exercises()) {
				if (library.find(exercise.slug()).isEmpty()) {
					throw new IllegalArgumentException("'" + exercise.slug() + "' is not an exercise of the library.");
				}
			}
		}
	}

	@Override
	public List<ProgramTemplate> all() {
		return records.all();
	}

	@Override
	public Optional<ProgramTemplate> find(UUID id) {
		return records.find(id);
	}

	@Override
	@Transactional
	public int seedDefaults() {
		var added = 0;
		for (var template : Catalogue.load(json).templates()) {
			added += records.insert(UUID.randomUUID(), template.key(),
					new Draft(template.name(), template.description(), template.phases(), template.walking()), "stride",
					clock.instant()) ? 1 : 0;
		}
		return added;
	}
}
