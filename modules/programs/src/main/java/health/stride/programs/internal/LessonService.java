package health.stride.programs.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.StrideUser;
import health.stride.programs.Lesson;
import health.stride.programs.Lessons;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;

/**
 * The education library over Stride's catalogue of lessons and the clinic's own, the lesson lists
 * of templates and plans, and the day's lesson of each patient.
 */
@Service
@Transactional(readOnly = true)
class LessonService implements Lessons {

	/** The most lessons a template or a plan lists. */
	static final int LIST_LIMIT = 60;

	private final LessonCatalogue catalogue;
	private final LessonRecords records;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final AuditTrail audit;
	private final Clock clock;

	LessonService(LessonCatalogue catalogue, LessonRecords records, PatientDirectory patients, CareTeams careTeams,
			AuditTrail audit, Clock clock) {
		this.catalogue = catalogue;
		this.records = records;
		this.patients = patients;
		this.careTeams = careTeams;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public List<Lesson> library(Locale locale) {
		var all = new ArrayList<>(catalogue.all(locale));
		all.addAll(records.custom());
		return all;
	}

	@Override
	public Optional<Lesson> find(String slug, Locale locale) {
		return catalogue.find(slug, locale).or(() -> records.custom(slug));
	}

	@Override
	@Transactional
	public Lesson add(Draft draft, String createdBy) {
		var slug = slug(draft.title());
		if (catalogue.has(slug) || records.custom(slug).isPresent() || stridesTitle(draft.title())
				|| records.titled(draft.title(), slug)) {
			throw new TitleTaken(draft.title());
		}
		records.insert(slug, draft, LocalDate.now(clock), createdBy, clock.instant());
		return records.custom(slug).orElseThrow();
	}

	@Override
	@Transactional
	public boolean update(String slug, Draft draft) {
		if (records.custom(slug).isEmpty()) {
			return false;
		}
		var other = slug(draft.title());
		if (!other.equals(slug) && (catalogue.has(other) || records.custom(other).isPresent())
				|| stridesTitle(draft.title()) || records.titled(draft.title(), slug)) {
			throw new TitleTaken(draft.title());
		}
		return records.update(slug, draft, LocalDate.now(clock), clock.instant());
	}

	private boolean stridesTitle(String title) {
		return java.util.stream.Stream.of(Locale.ENGLISH, health.stride.platform.i18n.Language.SPANISH.locale())
				.flatMap(locale -> catalogue.all(locale).stream()).anyMatch(it -> it.title().equalsIgnoreCase(title));
	}

	/** "Sitting at Work (Desk)" becomes "sitting-at-work-desk"; a title of no letters gets a made-up one. */
	static String slug(String title) {
		var slug = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		if (slug.length() > 80) {
			slug = slug.substring(0, 80).replaceAll("-+$", "");
		}
		return slug.isEmpty() || slug.equals("new") ? "lesson-" + (slug.isEmpty() ? UUID.randomUUID().toString().substring(0, 8) : slug)
				: slug; // "new" is the form's address
	}

	@Override
	public List<String> ofTemplate(UUID templateId) {
		return records.template(templateId).map(this::resolved).orElse(List.of());
	}

	@Override
	@Transactional
	public boolean changeTemplate(UUID templateId, List<String> slugs) {
		check(slugs);
		return records.changeTemplate(templateId, slugs);
	}

	@Override
	public List<String> ofPlan(PatientId patient) {
		return records.plan(patient).map(this::resolved).orElse(List.of());
	}

	@Override
	@Transactional
	public void changePlan(PatientId patient, List<String> slugs, StrideUser therapist) {
		careTeams.of(patient).filter(it -> it.isTherapist(therapist.username())).orElseThrow(Plans.NotYourPatient::new);
		check(slugs);
		if (!records.changePlan(patient, slugs)) {
			throw new Plans.NotYourPatient();
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "plan");
	}

	/** Gives a newly assigned plan its template's lessons: for the plan service only. */
	@Transactional
	void copy(PatientId patient, ProgramTemplate template) {
		records.changePlan(patient, ofTemplate(template.id()));
	}

	@Override
	public List<Progress> progress(PatientId patient, Locale locale) {
		var reads = records.reads(patient);
		return ofPlan(patient).stream().flatMap(slug -> find(slug, locale).stream())
				.map(it -> new Progress(it, reads.containsKey(it.slug()))).toList();
	}

	@Override
	@Transactional
	public Optional<Lesson> today(PatientId patient, Locale locale) {
		return today(patient, locale, clock);
	}

	/** Today's lesson as of the clock's time, in the patient's time zone. */
	@Transactional
	Optional<Lesson> today(PatientId patient, Locale locale, Clock clock) {

		var listed = records.plan(patient);
		if (listed.isEmpty()) {
			return Optional.empty();
		}
		var zone = zoneOf(patient);
		var now = clock.instant();
		var day = LocalDate.ofInstant(now, zone);
		var reads = records.reads(patient);
		var shown = records.shownOn(patient, day);
		if (shown.isEmpty()) {
			if (reads.values().stream().anyMatch(it -> LocalDate.ofInstant(it, zone).equals(day))) {
				return Optional.empty(); // one a day: a lesson read today from the list is today's
			}
			var next = resolved(listed.get()).stream().filter(it -> !reads.containsKey(it))
					.filter(it -> find(it, locale).isPresent()).findFirst();
			if (next.isEmpty()) {
				return Optional.empty();
			}
			records.show(patient, day, next.get(), now);
			shown = records.shownOn(patient, day);
		}
		return shown.filter(it -> !reads.containsKey(it)).flatMap(it -> find(it, locale));
	}

	@Override
	@Transactional
	public void read(PatientId patient, String slug) {
		read(patient, slug, clock);
	}

	@Transactional
	void read(PatientId patient, String slug, Clock clock) {
		read(patient, slug, clock.instant());
	}

	@Override
	@Transactional
	public void read(PatientId patient, String slug, java.time.Instant at) {
		if (records.read(patient, slug, at)) {
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "lesson");
		}
	}

	private List<String> resolved(LessonRecords.Listed listed) {
		return listed.lessons() != null ? listed.lessons() : catalogue.ofTemplate(listed.key());
	}

	private void check(List<String> slugs) {
		if (slugs.size() > LIST_LIMIT || new HashSet<>(slugs).size() != slugs.size()) {
			throw new IllegalArgumentException("A list names each lesson once, at most " + LIST_LIMIT + ".");
		}
		for (var slug : slugs) {
			if (find(slug, Locale.ENGLISH).isEmpty()) {
				throw new IllegalArgumentException("'" + slug + "' is not a lesson of the library.");
			}
		}
	}

	private ZoneId zoneOf(PatientId patient) {
		return patients.find(patient).map(it -> ZoneId.of(it.timeZone())).orElse(ZoneId.of("UTC"));
	}
}
