package health.stride.fhir.internal;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityKind;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanIntent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Timing.UnitsOfTime;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;
import health.stride.patients.PatientDirectory;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Phrase;
import health.stride.programs.PlanHistory.SavedVersion;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.SharedTexts;

/**
 * One saved version of a patient's plan as a {@code CarePlan}, in the patient's language: each phase an
 * activity without a kind (its name, where the plan stands in it, when it moves on), then each of its
 * exercises an activity of kind {@code ServiceRequest} whose detail carries the dosing (the exercise's name,
 * how often in {@code scheduledTiming}, the repetitions or seconds of a set in {@code quantity}, the whole dose
 * in words in {@code description}) and names its phase in {@code statusReason}; the walking target last.
 */
@Component
class CarePlanMapping {

	/** Stride's exercises, by the library's slug. */
	static final String EXERCISE_SYSTEM = "https://stride.health/fhir/CodeSystem/exercise";
	static final String SNOMED = "http://snomed.info/sct";
	static final String UCUM = "http://unitsofmeasure.org";

	private final PatientDirectory patients;
	private final ExerciseLibrary library;
	private final SharedTexts texts;
	private final ClinicianManagement clinicians;
	private final MessageSource messages;

	CarePlanMapping(PatientDirectory patients, ExerciseLibrary library, SharedTexts texts, ClinicianManagement clinicians,
			MessageSource messages) {
		this.patients = patients;
		this.library = library;
		this.texts = texts;
		this.clinicians = clinicians;
		this.messages = messages;
	}

	/**
	 * The version as a CarePlan.
	 *
	 * @param status where the plan stands: for an earlier version, where it stood then (active)
	 * @param endedAt when the plan ended, for the latest version of an ended plan
	 * @param lastUpdated when this version last changed: its save, or a hold or end after it
	 */
	CarePlan carePlan(SavedVersion version, CarePlanStatus status, @Nullable Instant endedAt, Instant lastUpdated) {

		var locale = patients.languageOf(version.patient()).locale();
		var plan = new CarePlan();
		plan.setId(version.plan().toString());
		plan.getMeta().setVersionId(Long.toString(version.version())).setLastUpdated(Date.from(lastUpdated));
		plan.setLanguage(locale.getLanguage());
		plan.setStatus(status).setIntent(CarePlanIntent.PLAN);
		plan.addCategory(new CodeableConcept(new Coding(SNOMED, "229065009", "Exercise therapy")));
		plan.setTitle(texts.template(version.name(), locale));
		plan.setDescription(words("fhir.careplan.description", locale, version.version(),
				Phrase.in(version.changes(), messages, locale)));
		plan.setSubject(QuestionnaireResponseResources.patientReference(version.patient()));
		plan.getPeriod().setStartElement(CarePlanResources.dateTime(version.assignedAt()));
		if (endedAt != null) {
			plan.getPeriod().setEndElement(CarePlanResources.dateTime(endedAt));
		}
		author(version.changedBy()).ifPresent(plan::setAuthor);

		var names = new HashMap<String, String>();
		var phases = version.phases();
		for (int i = 0; i < phases.size(); i++) {
			var phase = phases.get(i);
			var phaseStatus = phaseStatus(status, i, version.currentPhase());
			var name = texts.template(phase.name(), locale);
			var detail = plan.addActivity().getDetail().setStatus(phaseStatus);
			detail.getCode().setText(name);
			if (phase.advanceWhen() != null) {
				detail.setDescription(texts.template(phase.advanceWhen(), locale));
			}
			var inPhase = words("fhir.careplan.in-phase", locale, i + 1, phases.size(), name);
			for (var exercise : phase.exercises()) {
				exercise(plan.addActivity(), exercise, phaseStatus, inPhase, names, version, locale);
			}
		}
		if (version.walking() != null) {
			walking(plan.addActivity(), version.walking(), phaseStatus(status, 0, 0), version, locale);
		}
		return plan;
	}

	/**
	 * Where a phase stands: the phases before the current one are done, the current one is what the plan is
	 * (held, finished or stopped with it), and those after it wait (or, once the plan ended, will not come).
	 */
	static CarePlanActivityStatus phaseStatus(CarePlanStatus plan, int phase, int current) {
		if (phase < current) {
			return CarePlanActivityStatus.COMPLETED;
		}
		if (phase > current) {
			return plan == CarePlanStatus.ACTIVE || plan == CarePlanStatus.ONHOLD ? CarePlanActivityStatus.NOTSTARTED
					: CarePlanActivityStatus.CANCELLED;
		}
		return switch (plan) {
			case ONHOLD -> CarePlanActivityStatus.ONHOLD;
			case COMPLETED -> CarePlanActivityStatus.COMPLETED;
			case REVOKED -> CarePlanActivityStatus.STOPPED;
			default -> CarePlanActivityStatus.INPROGRESS;
		};
	}

	private void exercise(CarePlanActivityComponent activity, ProgramTemplate.Prescribed prescribed,
			CarePlanActivityStatus status, String inPhase, Map<String, String> names, SavedVersion version,
			Locale locale) {

		var dosing = prescribed.dosing();
		var name = names.computeIfAbsent(prescribed.slug(),
				slug -> library.find(slug, locale).map(Exercise::name).orElse(slug));
		var detail = activity.getDetail().setKind(CarePlanActivityKind.SERVICEREQUEST).setStatus(status);
		detail.getCode().addCoding(new Coding(EXERCISE_SYSTEM, prescribed.slug(), name)).setText(name);
		detail.getStatusReason().setText(inPhase);
		detail.setScheduled(timing(dosing.timesPerDay(), dosing.daysPerWeek(), locale));
		detail.setQuantity(dosing.reps() != null
				? quantity(dosing.reps(), words("fhir.careplan.unit.repetitions", locale), "1")
				: quantity(dosing.durationSeconds(), words("fhir.careplan.unit.seconds", locale), "s"));
		detail.setDescription(note(words("fhir.careplan.dosing", locale, dosing.words().in(messages, locale),
				words("fhir.careplan.times-a-day", locale, dosing.timesPerDay()),
				words("fhir.careplan.days-a-week", locale, dosing.daysPerWeek()), dosing.restSeconds()), dosing.note(),
				locale));
		detail.addPerformer(QuestionnaireResponseResources.patientReference(version.patient()));
	}

	private void walking(CarePlanActivityComponent activity, ProgramTemplate.Walking walking,
			CarePlanActivityStatus status, SavedVersion version, Locale locale) {

		var name = words("fhir.careplan.walking", locale);
		var detail = activity.getDetail().setKind(CarePlanActivityKind.SERVICEREQUEST).setStatus(status);
		detail.getCode().addCoding(new Coding(EXERCISE_SYSTEM, "walking", name)).setText(name);
		detail.setScheduled(timing(walking.sessionsPerDay(), walking.daysPerWeek(), locale));
		detail.setQuantity(quantity(walking.minutesPerSession(), words("fhir.careplan.unit.minutes", locale), "min"));
		detail.setDescription(note(words("fhir.careplan.walking.dosing", locale, walking.minutesPerSession(),
				words("fhir.careplan.times-a-day", locale, walking.sessionsPerDay()),
				words("fhir.careplan.days-a-week", locale, walking.daysPerWeek()), walking.goalMinutes()),
				walking.note(), locale));
		detail.addPerformer(QuestionnaireResponseResources.patientReference(version.patient()));
	}

	/**
	 * How often, as a FHIR timing: so many times a day when it is every day, otherwise the times of a week
	 * (Stride does not fix the weekdays); the words say both.
	 */
	private Timing timing(int timesPerDay, int daysPerWeek, Locale locale) {
		var timing = new Timing();
		if (daysPerWeek == 7) {
			timing.getRepeat().setFrequency(timesPerDay).setPeriod(1).setPeriodUnit(UnitsOfTime.D);
		} else {
			timing.getRepeat().setFrequency(timesPerDay * daysPerWeek).setPeriod(1).setPeriodUnit(UnitsOfTime.WK);
		}
		timing.getCode().setText(words("fhir.careplan.times-a-day", locale, timesPerDay) + ", "
				+ words("fhir.careplan.days-a-week", locale, daysPerWeek));
		return timing;
	}

	private static Quantity quantity(@Nullable Integer value, String unit, String code) {
		var quantity = new Quantity().setUnit(unit).setSystem(UCUM).setCode(code);
		if (value != null) {
			quantity.setValue(value);
		}
		return quantity;
	}

	private String note(String dose, @Nullable String note, Locale locale) {
		return note == null ? dose : words("fhir.careplan.note", locale, dose, texts.template(note, locale));
	}

	/** The clinician who saved the version, as the Practitioner Stride serves, if the clinic knows them. */
	private Optional<Reference> author(String username) {
		return clinicians.findByUsername(username).map(CarePlanMapping::practitioner);
	}

	private static Reference practitioner(ClinicianSummary clinician) {
		return new Reference("Practitioner/" + clinician.id().id()).setDisplay(clinician.displayName());
	}

	private String words(String code, Locale locale, Object... arguments) {
		return messages.getMessage(code, arguments, locale);
	}
}
