package health.stride.fhir.internal;

import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * The codes of Stride's observations: LOINC where a term exists for exactly what Stride measures (each
 * checked against loinc.org), Stride's own code system otherwise, published as the {@code CodeSystem}
 * {@value #CODE_SYSTEM_ID}. Displays are English, as the code systems define them.
 */
final class ObservationCodes {

	static final String LOINC = "http://loinc.org";
	static final String UCUM = "http://unitsofmeasure.org";
	static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	static final String CODE_SYSTEM_ID = "stride-observation";
	static final String CODE_SYSTEM_URL = "https://stride.health/fhir/CodeSystem/" + CODE_SYSTEM_ID;
	/** The code system's version: raised whenever a code is added or a meaning changes. */
	static final String CODE_SYSTEM_VERSION = "1";
	private static final String CODE_SYSTEM_DATE = "2026-12-02";

	/** A code of a code system with its display; each use gets a coding of its own (HAPI's are mutable). */
	record Code(String system, String code, String display) {

		Coding coding() {
			return new Coding(system, code, display);
		}

		/**
		 * Whether a token of a search matches: {@code system|code}, {@code code} in any system, {@code system|}
		 * for any code of the system ({@code |code}, a code without a system, matches none of Stride's).
		 */
		boolean matches(String token) {
			var bar = token.indexOf('|');
			if (bar < 0) {
				return code.equals(token);
			}
			var tokenSystem = token.substring(0, bar);
			var tokenCode = token.substring(bar + 1);
			return system.equals(tokenSystem) && (tokenCode.isEmpty() || code.equals(tokenCode));
		}
	}

	/** Pain severity, 0-10 numeric rating scale, reported by the patient (loinc.org/72514-3). */
	static final Code PAIN = new Code(LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported");
	/** The PHQ-2's total score (a member of the PHQ-2 panel, loinc.org/55757-9). */
	static final Code PHQ2_TOTAL = new Code(LOINC, "55758-7",
			"Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]");
	/** The PHQ-9's total score (loinc.org/44261-6). */
	static final Code PHQ9_TOTAL = new Code(LOINC, "44261-6",
			"Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]");
	/** The GAD-7's total score (a member of the PHQ-SADS panel, loinc.org/69729-2). */
	static final Code GAD7_TOTAL = new Code(LOINC, "70274-6",
			"Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]");

	/** Stride's own codes: what LOINC has no term for, and the part of a session a pain rating belongs to. */
	enum Stride {

		PAIN_BEFORE("pain-before", "Pain before an exercise session",
				"The pain the patient reported just before an exercise session (or a walk), on the 0-10 numeric rating scale."),
		PAIN_AFTER("pain-after", "Pain after an exercise session",
				"The pain the patient reported just after an exercise session (or a walk), on the 0-10 numeric rating scale."),
		WALKING_MINUTES("walking-minutes", "Walking minutes",
				"How many minutes the patient walked: a walk they logged on its own, or the walking of an exercise session."),
		PSFS_ITEM("psfs-item", "Patient-Specific Functional Scale item score",
				"The patient's rating, from 0 (unable to do it) to 10 (able to do it as before the problem), of one activity "
						+ "they named as hard at intake; rated at intake and again every four weeks.");

		private final String code;
		private final String display;
		private final String definition;

		Stride(String code, String display, String definition) {
			this.code = code;
			this.display = display;
			this.definition = definition;
		}

		Code code() {
			return new Code(CODE_SYSTEM_URL, code, display);
		}
	}

	/** The observation categories Stride uses (observation-category). */
	static final Code SURVEY = new Code(CATEGORY, "survey", "Survey");
	static final Code ACTIVITY = new Code(CATEGORY, "activity", "Activity");

	private ObservationCodes() {
	}

	/** Stride's code system as a resource. */
	static CodeSystem codeSystem() {
		var system = new CodeSystem();
		system.setId(CODE_SYSTEM_ID);
		system.setUrl(CODE_SYSTEM_URL);
		system.setVersion(CODE_SYSTEM_VERSION);
		system.setName("StrideObservation");
		system.setTitle("Stride observation codes");
		system.setStatus(PublicationStatus.ACTIVE);
		system.setExperimental(false);
		system.setDateElement(new DateTimeType(CODE_SYSTEM_DATE));
		system.setPublisher("Stride");
		system.setDescription("What Stride observes about its patients that LOINC has no term for, and which part of an "
				+ "exercise session a pain rating belongs to.");
		system.setCaseSensitive(true);
		system.setContent(CodeSystemContentMode.COMPLETE);
		for (var concept : List.of(Stride.values())) {
			system.addConcept().setCode(concept.code).setDisplay(concept.display).setDefinition(concept.definition);
		}
		system.setCount(system.getConcept().size());
		return system;
	}
}
