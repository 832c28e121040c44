package health.stride.fhir.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * The printable summary of a patient's record, read from the record's Bundle itself: each resource type
 * Stride knows has its section (visits, plans and their versions, sessions with the pain before and after,
 * outcomes, questionnaires, messages); any other type the Bundle holds still shows, a line per resource, in a
 * section of its own, so a type added to {@code $everything} later is never left out. Every word comes from
 * the bundles, in the patient's language; what the record holds is text, escaped by the template.
 */
@Component
class RecordSummaries {

	static final String LOINC = "http://loinc.org";
	static final String PAIN_NRS = "72514-3";

	/** Where Stride's own code systems live (its observations, its questionnaires' answers ...). */
	static final String STRIDE_CODES = "https://stride.health/fhir/CodeSystem/";

	/** The LOINC codes the summary has words of its own for; any other observation is named as it names itself. */
	private static final Map<String, String> NAMED_CODES = Map.of(PAIN_NRS, "pain", "55758-7", "phq-2", "44261-6",
			"phq-9", "70274-6", "gad-7");

	/** Stride's own observation codes the summary has words for. */
	private static final Map<String, String> NAMED_STRIDE_CODES = Map.of("walking-minutes", "walking", "psfs-item",
			"psfs-item");

	/** The types with a section of their own (the people and cover a record names go to "other" with the rest). */
	private static final Set<String> OWN_SECTIONS = Set.of("Patient", "Appointment", "Encounter", "CarePlan",
			"Observation", "QuestionnaireResponse", "Communication");

	private static final String PAIN_BEFORE = "pain-before-";
	private static final String PAIN_AFTER = "pain-after-";

	private final ITemplateEngine templates;
	private final MessageSource messages;

	RecordSummaries(ITemplateEngine templates, MessageSource messages) {
		this.templates = templates;
		this.messages = messages;
	}

	/** A visit, from its appointment (and whether it took place, from its encounter). */
	public record VisitLine(String when, String kind, String clinician, String status) {}

	/** One version of a plan, with what it asked the patient to do. */
	public record PlanLine(String title, String version, String status, String period, List<String> activities) {}

	/** A session's pain before and after (either may be missing). */
	public record SessionLine(String when, String before, String after) {}

	/** An outcome or any other observation. */
	public record OutcomeLine(String when, String name, String value) {}

	/** One questionnaire answered, with its questions and answers. */
	public record QuestionnaireLine(String when, String name, String status, List<Answer> answers) {}

	public record Answer(String question, String answer) {}

	/** A message of the thread with the care team. */
	public record MessageLine(String when, String from, String text) {}

	/** A resource of a type without a section of its own: when, what it is about, its status, who it names. */
	public record OtherLine(String when, String what, String status, String names) {}

	/** A type without a section of its own, by its name in the reader's language, with its lines. */
	public record OtherSection(String type, List<OtherLine> lines) {}

	/** The summary page, as HTML that needs nothing else (its style inside, no script). */
	String html(Bundle bundle, Locale locale, ZoneId zone, @Nullable String clinic, Instant generatedAt) {

		var resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(it -> it != null).toList();
		var words = new Words(locale, zone);

		var model = new HashMap<String, @Nullable Object>();
		model.put("lang", locale.getLanguage());
		model.put("clinic", clinic);
		model.put("generated", words.instant(generatedAt));
		var patient = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst();
		model.put("name", patient.map(it -> name(it.getName())).orElse(""));
		model.put("birthDate", patient.filter(Patient::hasBirthDateElement)
				.map(it -> words.date(it.getBirthDateElement())).orElse(null));
		model.put("visits", visits(resources, words));
		model.put("plans", plans(resources, words));
		var observations = of(resources, Observation.class);
		model.put("sessions", sessions(observations, words));
		model.put("outcomes", outcomes(observations, words));
		model.put("questionnaires", questionnaires(resources, words));
		model.put("messages", messages(resources, words));
		model.put("others", others(resources, words));
		return templates.process("fhir/summary", new Context(locale, model));
	}

	private List<VisitLine> visits(List<Resource> resources, Words words) {
		var lines = new ArrayList<Dated<VisitLine>>();
		var withAppointment = new HashSet<String>();
		for (var appointment : of(resources, Appointment.class)) {
			withAppointment.add("Appointment/" + appointment.getIdElement().getIdPart());
			var clinician = appointment.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor)
					.filter(it -> it.getReference() == null || !it.getReference().startsWith("Patient/"))
					.map(Reference::getDisplay).filter(it -> it != null).findFirst().orElse("");
			var kind = appointment.getServiceType().stream().map(RecordSummaries::concept).flatMap(Optional::stream)
					.findFirst().or(() -> concept(appointment.getAppointmentType())).orElse("");
			lines.add(new Dated<>(appointment.getStart() == null ? null : appointment.getStart().toInstant(),
					new VisitLine(appointment.getStart() == null ? "" : words.instant(appointment.getStart().toInstant()),
							kind, clinician, words.status(appointment.getStatus() == null ? null : appointment.getStatus().toCode()))));
		}
		for (var encounter : of(resources, Encounter.class)) {
			if (encounter.getAppointment().stream().anyMatch(it -> withAppointment.contains(it.getReference()))) {
				continue; // the visit is there already, as its appointment
			}
			var start = encounter.getPeriod().getStart();
			var clinician = encounter.getParticipant().stream().map(it -> it.getIndividual().getDisplay())
					.filter(it -> it != null).findFirst().orElse("");
			lines.add(new Dated<>(start == null ? null : start.toInstant(), new VisitLine(
					start == null ? "" : words.instant(start.toInstant()),
					encounter.getType().stream().map(RecordSummaries::concept).flatMap(Optional::stream).findFirst().orElse(""),
					clinician, words.status(encounter.getStatus() == null ? null : encounter.getStatus().toCode()))));
		}
		return sorted(lines);
	}

	private List<PlanLine> plans(List<Resource> resources, Words words) {
		var lines = new ArrayList<Dated<PlanLine>>();
		for (var plan : of(resources, CarePlan.class)) {
			var activities = new ArrayList<String>();
			for (var activity : plan.getActivity()) {
				var detail = activity.getDetail();
				var name = concept(detail.getCode()).or(() -> Optional.ofNullable(activity.getReference().getDisplay()));
				var description = Optional.ofNullable(detail.getDescription()).filter(it -> !it.isBlank());
				var text = name.isPresent() && description.isPresent()
						? Optional.of(words.text("fhir.summary.activity", name.get(), description.get()))
						: name.or(() -> description).or(() -> activity.getOutcomeCodeableConcept().stream()
								.map(RecordSummaries::concept).flatMap(Optional::stream).findFirst());
				text.ifPresent(activities::add);
			}
			var title = Optional.ofNullable(plan.getTitle()).filter(it -> !it.isBlank())
					.or(() -> Optional.ofNullable(plan.getDescription())).orElse("");
			var start = plan.getPeriod().getStart() != null ? plan.getPeriod().getStart()
					: plan.getCreated() != null ? plan.getCreated() : plan.getMeta().getLastUpdated();
			var version = plan.getMeta().hasVersionId() ? plan.getMeta().getVersionId()
					: plan.getIdElement().hasVersionIdPart() ? plan.getIdElement().getVersionIdPart() : "";
			lines.add(new Dated<>(start == null ? null : start.toInstant(), new PlanLine(title, version,
					words.status(plan.getStatus() == null ? null : plan.getStatus().toCode()), words.period(plan.getPeriod()),
					activities)));
		}
		return sorted(lines);
	}

	/**
	 * Sessions, by the pain reported before and after each: Stride names those observations
	 * {@code pain-before-<session>} and {@code pain-after-<session>}.
	 */
	private List<SessionLine> sessions(List<Observation> observations, Words words) {
		var sessions = new LinkedHashMap<String, Observation[]>();
		for (var observation : observations) {
			var id = observation.getIdElement().getIdPart();
			if (id == null) {
				continue;
			}
			var before = id.startsWith(PAIN_BEFORE);
			if (before || id.startsWith(PAIN_AFTER)) {
				var session = id.substring((before ? PAIN_BEFORE : PAIN_AFTER).length());
				sessions.computeIfAbsent(session, it -> new Observation[2])[before ? 0 : 1] = observation;
			}
		}
		var lines = new ArrayList<Dated<SessionLine>>();
		for (var pair : sessions.values()) {
			var first = pair[0] != null ? pair[0] : pair[1];
			var when = effective(first);
			lines.add(new Dated<>(when.orElse(null), new SessionLine(when.map(words::instant).orElse(""),
					pair[0] == null ? "" : words.value(pair[0]), pair[1] == null ? "" : words.value(pair[1]))));
		}
		return sorted(lines);
	}

	private List<OutcomeLine> outcomes(List<Observation> observations, Words words) {
		var lines = new ArrayList<Dated<OutcomeLine>>();
		for (var observation : observations) {
			var id = Optional.ofNullable(observation.getIdElement().getIdPart()).orElse("");
			if (id.startsWith(PAIN_BEFORE) || id.startsWith(PAIN_AFTER)) {
				continue; // shown with its session
			}
			var when = effective(observation);
			lines.add(new Dated<>(when.orElse(null), new OutcomeLine(when.map(words::instant).orElse(""),
					words.observationName(observation.getCode()), words.value(observation))));
		}
		return sorted(lines);
	}

	private List<QuestionnaireLine> questionnaires(List<Resource> resources, Words words) {
		var lines = new ArrayList<Dated<QuestionnaireLine>>();
		for (var response : of(resources, QuestionnaireResponse.class)) {
			var answers = new ArrayList<Answer>();
			collect(response.getItem(), answers, words);
			var name = Optional.ofNullable(response.getQuestionnaire()).filter(it -> !it.isBlank())
					.map(RecordSummaries::questionnaireId).map(words::questionnaire).orElse("");
			var authored = response.getAuthored();
			lines.add(new Dated<>(authored == null ? null : authored.toInstant(), new QuestionnaireLine(
					authored == null ? "" : words.instant(authored.toInstant()), name,
					words.status(response.getStatus() == null ? null : response.getStatus().toCode()), answers)));
		}
		return sorted(lines);
	}

	/** The id a questionnaire's canonical URL ends with ({@code .../Questionnaire/intake|1} is {@code intake}). */
	static String questionnaireId(String canonical) {
		var unversioned = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
		return unversioned.substring(unversioned.lastIndexOf('/') + 1);
	}

	private static void collect(List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items, List<Answer> answers,
			Words words) {
		for (var item : items) {
			var question = Optional.ofNullable(item.getText()).filter(it -> !it.isBlank()).orElse(item.getLinkId());
			var values = item.getAnswer().stream().map(it -> words.text(it.getValue())).flatMap(Optional::stream).toList();
			if (!values.isEmpty()) {
				answers.add(new Answer(question == null ? "" : question, String.join(", ", values)));
			}
			collect(item.getItem(), answers, words);
			item.getAnswer().forEach(answer -> collect(answer.getItem(), answers, words));
		}
	}

	private List<MessageLine> messages(List<Resource> resources, Words words) {
		var lines = new ArrayList<Dated<MessageLine>>();
		for (var communication : of(resources, Communication.class)) {
			var text = communication.getPayload().stream().filter(it -> it.getContent() instanceof PrimitiveType<?>)
					.map(it -> ((PrimitiveType<?>) it.getContent()).getValueAsString()).filter(it -> it != null)
					.collect(Collectors.joining("\n"));
			var sent = communication.getSent();
			lines.add(new Dated<>(sent == null ? null : sent.toInstant(), new MessageLine(
					sent == null ? "" : words.instant(sent.toInstant()),
					Optional.ofNullable(communication.getSender().getDisplay()).orElse(""), text)));
		}
		return sorted(lines);
	}

	/** Every resource of a type without a section of its own, by type, a line each. */
	private List<OtherSection> others(List<Resource> resources, Words words) {
		var byType = new TreeMap<String, List<Dated<OtherLine>>>();
		for (var resource : resources) {
			var type = resource.fhirType();
			if (OWN_SECTIONS.contains(type)) {
				continue;
			}
			var when = words.firstDate(resource);
			var line = new OtherLine(when.map(Words.When::text).orElse(""), words.what(resource),
					words.status(primitive(resource, "status").orElse(null)), words.names(resource));
			byType.computeIfAbsent(type, it -> new ArrayList<>())
					.add(new Dated<>(when.map(Words.When::instant).orElse(null), line));
		}
		return byType.entrySet().stream()
				.map(it -> new OtherSection(words.type(it.getKey()), sorted(it.getValue())))
				.sorted(Comparator.comparing(OtherSection::type)).toList();
	}

	/** A line and the instant it is ordered by (lines without one come last). */
	private record Dated<T>(@Nullable Instant at, T line) {}

	private static <T> List<T> sorted(List<Dated<T>> lines) {
		return lines.stream()
				.sorted(Comparator.comparing(Dated<T>::at, Comparator.nullsLast(Comparator.naturalOrder())))
				.map(Dated::line).toList();
	}

	private static <T extends Resource> List<T> of(List<Resource> resources, Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static Optional<Instant> effective(Observation observation) {
		if (observation.getEffective() instanceof BaseDateTimeType date && date.getValue() != null) {
			return Optional.of(date.getValue().toInstant());
		}
		if (observation.getEffective() instanceof Period period && period.getStart() != null) {
			return Optional.of(period.getStart().toInstant());
		}
		return Optional.ofNullable(observation.getIssued()).map(java.util.Date::toInstant);
	}

	private static String name(List<HumanName> names) {
		return names.stream().findFirst().map(RecordSummaries::name).orElse("");
	}

	private static String name(HumanName name) {
		if (name.hasText()) {
			return name.getText();
		}
		var parts = new ArrayList<String>();
		name.getGiven().forEach(it -> parts.add(it.getValue()));
		if (name.hasFamily()) {
			parts.add(name.getFamily());
		}
		return String.join(" ", parts);
	}

	static Optional<String> concept(@Nullable CodeableConcept concept) {
		if (concept == null) {
			return Optional.empty();
		}
		if (concept.hasText()) {
			return Optional.of(concept.getText());
		}
		return concept.getCoding().stream().map(it -> it.hasDisplay() ? it.getDisplay() : it.getCode())
				.filter(it -> it != null && !it.isBlank()).findFirst();
	}

	/** The value of a primitive element of any resource ({@code status} ...), if it has one. */
	private static Optional<String> primitive(Base resource, String element) {
		try {
			var property = resource.getNamedProperty(element);
			if (property == null || !property.hasValues()) {
				return Optional.empty();
			}
			return Optional.ofNullable(property.getValues().getFirst().primitiveValue());
		} catch (org.hl7.fhir.exceptions.FHIRException noSuchElement) {
			return Optional.empty();
		}
	}

	/** The words of one summary: in the reader's language, times in the patient's zone. */
	private final class Words {

		/** Where a resource of any type keeps its date, in the order they are looked for. */
		private static final List<String> DATES = List.of("effective", "occurrence", "sent", "authored", "start",
				"period", "performed", "date", "dateTime", "created", "issued", "recorded", "dateAsserted", "onset");

		/** Where a resource of any type says what it is, in the order they are looked for. */
		private static final List<String> WHAT = List.of("name", "title", "code", "type", "category", "scope",
				"description", "class");

		/** Where a resource of any type names the people and organizations it concerns. */
		private static final List<String> NAMES = List.of("payor", "practitioner", "organization", "performer",
				"participant", "author", "managingOrganization");

		record When(Instant instant, String text) {}

		private final Locale locale;
		private final ZoneId zone;
		private final DateTimeFormatter dateTime;
		private final DateTimeFormatter date;

		Words(Locale locale, ZoneId zone) {
			this.locale = locale;
			this.zone = zone;
			this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
					.withZone(zone);
			this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
		}

		String instant(Instant instant) {
			return dateTime.format(instant);
		}

		String date(BaseDateTimeType value) {
			if (value.getValue() == null) {
				return "";
			}
			if (value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
				var text = value.getValueAsString();
				if (value.getPrecision() == TemporalPrecisionEnum.DAY && text != null && text.length() >= 10) {
					return date.format(LocalDate.parse(text.substring(0, 10)));
				}
				return text == null ? "" : text;
			}
			return instant(value.getValue().toInstant());
		}

		String period(Period period) {
			if (period.getStart() == null && period.getEnd() == null) {
				return "";
			}
			var from = period.getStartElement().isEmpty() ? "" : date(period.getStartElement());
			var until = period.getEndElement().isEmpty() ? "" : date(period.getEndElement());
			return until.isEmpty() ? from : text("fhir.summary.period", from, until);
		}

		/** A status code in words; one the bundles have no words for is shown as it is. */
		String status(@Nullable String code) {
			return code == null ? "" : messages.getMessage("fhir.summary.status." + code, null, code, locale);
		}

		/** A type's name in words; one the bundles have no words for keeps its FHIR name. */
		String type(String type) {
			return messages.getMessage("fhir.summary.type." + type, null, type, locale);
		}

		String observationName(CodeableConcept code) {
			for (Coding coding : code.getCoding()) {
				if (LOINC.equals(coding.getSystem()) && NAMED_CODES.containsKey(coding.getCode())) {
					return text("fhir.summary.observation." + NAMED_CODES.get(coding.getCode()));
				}
			}
			for (Coding coding : code.getCoding()) {
				if (coding.getSystem() != null && coding.getSystem().startsWith(STRIDE_CODES)
						&& NAMED_STRIDE_CODES.containsKey(coding.getCode())) {
					// a PSFS item's activity is the patient's own words, in the concept's text
					return text("fhir.summary.observation." + NAMED_STRIDE_CODES.get(coding.getCode()),
							code.hasText() ? code.getText() : "");
				}
			}
			return concept(code).orElse("");
		}

		/** A questionnaire by its id: Stride's own in words, any other as its id. */
		String questionnaire(String id) {
			return messages.getMessage("fhir.summary.questionnaire-name." + id, null, id, locale);
		}

		/** An observation's value, or its components' values when it has none of its own. */
		String value(Observation observation) {
			if (observation.hasValue()) {
				return text(observation.getValue()).orElse("");
			}
			if (observation.hasDataAbsentReason()) {
				return concept(observation.getDataAbsentReason()).orElse("");
			}
			return observation.getComponent().stream()
					.map(it -> observationName(it.getCode()) + ": " + (it.hasValue() ? text(it.getValue()).orElse("") : ""))
					.collect(Collectors.joining("; "));
		}

		/** A value of any type as words, if it is one the summary can show. */
		Optional<String> text(@Nullable Base value) {
			if (value == null || value.isEmpty()) {
				return Optional.empty();
			}
			if (value instanceof Quantity quantity) {
				var number = quantity.getValue() == null ? "" : quantity.getValue().stripTrailingZeros().toPlainString();
				var unit = quantity.hasUnit() ? quantity.getUnit() : quantity.hasCode() ? quantity.getCode() : "";
				return Optional.of(unit.isBlank() || unit.equals("1") || unit.equals("{score}") ? number : number + " " + unit);
			}
			if (value instanceof BooleanType bool) {
				return Optional.of(text(bool.booleanValue() ? "fhir.summary.yes" : "fhir.summary.no"));
			}
			if (value instanceof BaseDateTimeType when) {
				return Optional.of(date(when));
			}
			if (value instanceof CodeableConcept concept) {
				return concept(concept);
			}
			if (value instanceof Coding coding) {
				return Optional.ofNullable(coding.hasDisplay() ? coding.getDisplay() : coding.getCode());
			}
			if (value instanceof Reference reference) {
				return Optional.ofNullable(reference.getDisplay());
			}
			if (value instanceof HumanName name) {
				return Optional.of(name(name)).filter(it -> !it.isBlank());
			}
			if (value instanceof Period period) {
				return Optional.of(period(period)).filter(it -> !it.isBlank());
			}
			if (value instanceof PrimitiveType<?> primitive) {
				return Optional.ofNullable(primitive.getValueAsString());
			}
			return Optional.empty(); // a structure the summary does not know how to put in words
		}

		/** The first date a resource of any type carries, where such resources keep one. */
		Optional<When> firstDate(Resource resource) {
			for (var element : DATES) {
				for (var value : values(resource, element)) {
					if (value instanceof BaseDateTimeType date && date.getValue() != null) {
						return Optional.of(new When(date.getValue().toInstant(), date(date)));
					}
					if (value instanceof Period period && period.getStart() != null) {
						return Optional.of(new When(period.getStart().toInstant(), period(period)));
					}
				}
			}
			return Optional.empty();
		}

		/** What a resource of any type is, from the first element that says it. */
		String what(Resource resource) {
			for (var element : WHAT) {
				var said = values(resource, element).stream().map(this::text).flatMap(Optional::stream)
						.filter(it -> !it.isBlank()).findFirst();
				if (said.isPresent()) {
					return said.get();
				}
			}
			return "";
		}

		/** The people and organizations a resource of any type names, as it names them. */
		String names(Resource resource) {
			var names = new java.util.LinkedHashSet<String>();
			for (var element : NAMES) {
				for (var value : values(resource, element)) {
					if (value instanceof Reference reference && reference.getDisplay() != null) {
						names.add(reference.getDisplay());
					} else {
						// a participant or performer structure: the references inside it
						value.children().stream().flatMap(child -> child.getValues().stream())
								.filter(Reference.class::isInstance).map(Reference.class::cast)
								.map(Reference::getDisplay).filter(it -> it != null).forEach(names::add);
					}
				}
			}
			return String.join(", ", names);
		}

		private List<Base> values(Base resource, String element) {
			try {
				var property = resource.getNamedProperty(element);
				return property == null ? List.of() : property.getValues();
			} catch (org.hl7.fhir.exceptions.FHIRException noSuchElement) {
				return List.of();
			}
		}

		String text(String key, Object... arguments) {
			return messages.getMessage(key, arguments, locale);
		}
	}
}
