package health.stride.fhir.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import health.stride.patients.Aggravator;
import health.stride.patients.Coded;
import health.stride.patients.Diagnosis;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.RedFlag;

/**
 * The two questionnaires Stride asks patients, as it publishes them: the intake and the Patient-Specific
 * Functional Scale. Their items' linkIds, texts and answer codes are defined here once, so every
 * QuestionnaireResponse Stride returns answers the items of the Questionnaire it names, in the same words (the
 * reader's language). The PSFS activities sit under the same linkIds in both.
 */
@Component
class Questionnaires {

	/** The canonical URL of Stride's questionnaires: this, then the id. */
	static final String BASE = "https://stride.health/fhir/Questionnaire/";
	/** Their business version: raised when an item or an answer changes. */
	static final String VERSION = "1";
	static final String INTAKE = "intake";
	static final String PSFS = "psfs";

	/** The code systems of the intake's answers: this, then {@code pain-region}, {@code aggravator} ... */
	static final String CODES = "https://stride.health/fhir/CodeSystem/";

	static final String PAIN_REGIONS = "pain-regions";
	static final String PAIN_NOW = "pain-now";
	static final String PAIN_DURATION = "pain-duration";
	static final String WORSE_WITH = "worse-with";
	static final String DIAGNOSES = "diagnoses";
	static final String GOALS = "goals";
	static final String PSFS_GROUP = "psfs";
	static final String PSFS_ACTIVITY = "psfs-activity";
	static final String PSFS_ACTIVITY_NAME = "psfs-activity-name";
	static final String PSFS_SCORE = "psfs-score";
	static final String RED_FLAGS = "red-flags";
	/** A red flag's item: this, then the flag's code ({@code red-flag-fever}). */
	static final String RED_FLAG = "red-flag-";

	private static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
	private static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";

	private final MessageSource messages;

	Questionnaires(MessageSource messages) {
		this.messages = messages;
	}

	static String canonical(String id) {
		return BASE + id + "|" + VERSION;
	}

	/** The id of the questionnaire a search's {@code questionnaire} names: its canonical URL (with or without version), reference or id. */
	static Optional<String> named(String questionnaire) {
		var name = questionnaire;
		for (var prefix : List.of(BASE, "Questionnaire/")) {
			if (name.startsWith(prefix)) {
				name = name.substring(prefix.length());
			}
		}
		if (name.endsWith("|" + VERSION)) {
			name = name.substring(0, name.length() - VERSION.length() - 1);
		}
		return List.of(INTAKE, PSFS).contains(name) ? Optional.of(name) : Optional.empty();
	}

	Optional<Questionnaire> find(String id, Locale locale) {
		return switch (id) {
			case INTAKE -> Optional.of(intake(locale));
			case PSFS -> Optional.of(psfs(locale));
			default -> Optional.empty();
		};
	}

	List<Questionnaire> all(Locale locale) {
		return List.of(intake(locale), psfs(locale));
	}

	Questionnaire intake(Locale locale) {

		var intake = questionnaire(INTAKE, "StrideIntake", "fhir.questionnaire.intake.", locale);
		choice(intake.addItem(), PAIN_REGIONS, locale, true, true, PainRegion.values(), "pain-region");
		bounded(intake.addItem().setLinkId(PAIN_NOW).setText(text(PAIN_NOW, locale)).setType(QuestionnaireItemType.INTEGER)
				.setRequired(true), 10);
		choice(intake.addItem(), PAIN_DURATION, locale, false, true, PainDuration.values(), "pain-duration");
		choice(intake.addItem(), WORSE_WITH, locale, true, false, Aggravator.values(), "aggravator");
		choice(intake.addItem(), DIAGNOSES, locale, true, false, Diagnosis.values(), "diagnosis");
		intake.addItem().setLinkId(GOALS).setText(text(GOALS, locale)).setType(QuestionnaireItemType.TEXT);
		var psfs = intake.addItem().setLinkId(PSFS_GROUP).setText(text(PSFS_GROUP, locale))
				.setType(QuestionnaireItemType.GROUP);
		activities(psfs.addItem(), locale).setRequired(false);
		var flags = intake.addItem().setLinkId(RED_FLAGS).setText(text(RED_FLAGS, locale))
				.setType(QuestionnaireItemType.GROUP).setRequired(true);
		for (var flag : RedFlag.values()) {
			flags.addItem().setLinkId(RED_FLAG + flag.code()).setText(redFlag(flag, locale))
					.setType(QuestionnaireItemType.BOOLEAN).setRequired(true);
		}
		return intake;
	}

	Questionnaire psfs(Locale locale) {
		var psfs = questionnaire(PSFS, "StridePsfs", "fhir.questionnaire.psfs.", locale);
		activities(psfs.addItem(), locale).setRequired(true);
		return psfs;
	}

	/** An item's question in the reader's words. */
	String text(String linkId, Locale locale) {
		return messages.getMessage("fhir.questionnaire.item." + linkId, null, locale);
	}

	String redFlag(RedFlag flag, Locale locale) {
		return messages.getMessage("fhir.questionnaire.red-flag." + flag.code(), null, locale);
	}

	Coding painRegion(PainRegion region, Locale locale) {
		return coding("pain-region", region, locale);
	}

	Coding painDuration(PainDuration duration, Locale locale) {
		return coding("pain-duration", duration, locale);
	}

	Coding aggravator(Aggravator aggravator, Locale locale) {
		return coding("aggravator", aggravator, locale);
	}

	Coding diagnosis(Diagnosis diagnosis, Locale locale) {
		return coding("diagnosis", diagnosis, locale);
	}

	private Questionnaire questionnaire(String id, String name, String words, Locale locale) {
		var questionnaire = new Questionnaire();
		questionnaire.setId(id);
		questionnaire.setUrl(BASE + id).setVersion(VERSION).setName(name)
				.setTitle(messages.getMessage(words + "title", null, locale)).setStatus(PublicationStatus.ACTIVE)
				.setPublisher("Stride").setDescription(messages.getMessage(words + "description", null, locale));
		questionnaire.setLanguage(locale.getLanguage());
		questionnaire.addSubjectType("Patient");
		return questionnaire;
	}

	/** The PSFS's activities: each named in the patient's words and scored 0 to 10. */
	private QuestionnaireItemComponent activities(QuestionnaireItemComponent item, Locale locale) {
		item.setLinkId(PSFS_ACTIVITY).setText(text(PSFS_ACTIVITY, locale)).setType(QuestionnaireItemType.GROUP)
				.setRepeats(true);
		item.addItem().setLinkId(PSFS_ACTIVITY_NAME).setText(text(PSFS_ACTIVITY_NAME, locale))
				.setType(QuestionnaireItemType.STRING).setRequired(true);
		bounded(item.addItem().setLinkId(PSFS_SCORE).setText(text(PSFS_SCORE, locale))
				.setType(QuestionnaireItemType.INTEGER).setRequired(true), 10);
		return item;
	}

	private static void bounded(QuestionnaireItemComponent item, int max) {
		item.addExtension(MIN_VALUE, new IntegerType(0));
		item.addExtension(MAX_VALUE, new IntegerType(max));
	}

	private <E extends Enum<E> & Coded> void choice(QuestionnaireItemComponent item, String linkId, Locale locale,
			boolean repeats, boolean required, E[] values, String system) {
		item.setLinkId(linkId).setText(text(linkId, locale)).setType(QuestionnaireItemType.CHOICE).setRepeats(repeats)
				.setRequired(required);
		Arrays.stream(values).forEach(value -> item.addAnswerOption().setValue(coding(system, value, locale)));
	}

	private Coding coding(String system, Coded value, Locale locale) {
		return new Coding(CODES + system, value.code(),
				messages.getMessage("fhir.questionnaire." + system + "." + value.code(), null, locale));
	}
}
