package health.stride.fhir.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import health.stride.patients.FinishedIntakes;
import health.stride.patients.FinishedIntakes.FinishedIntake;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.programs.PsfsRatings;
import health.stride.programs.PsfsRatings.PsfsRating;

/**
 * {@code QuestionnaireResponse}: each finished intake ({@code intake-<patient>-<episode>}: an intake has no id
 * of its own, the patient and the episode of care name it) and each later rating of the PSFS
 * ({@code psfs-<rating>}), answering the items of Stride's {@link Questionnaires}. Patient care: read by the
 * patient, their care team and the clinic's integration, every read audited.
 */
@Component
class QuestionnaireResponseResources implements ResourceProvider<QuestionnaireResponse> {

	static final String INTAKE_PREFIX = "intake-";
	static final String PSFS_PREFIX = "psfs-";

	private static final Pattern INTAKE_ID = Pattern.compile("intake-([0-9a-f-]{36})-([1-9][0-9]{0,8})");

	private final FinishedIntakes intakes;
	private final PsfsRatings ratings;
	private final PatientAccess access;
	private final Questionnaires questionnaires;

	QuestionnaireResponseResources(FinishedIntakes intakes, PsfsRatings ratings, PatientAccess access,
			Questionnaires questionnaires) {
		this.intakes = intakes;
		this.ratings = ratings;
		this.access = access;
		this.questionnaires = questionnaires;
	}

	@Override
	public ResourceType type() {
		return ResourceType.QuestionnaireResponse;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("subject", "patient", "questionnaire", "authored");
	}

	@Override
	public Optional<QuestionnaireResponse> read(String id, Requester requester) {
		var locale = LocaleContextHolder.getLocale();
		var intake = INTAKE_ID.matcher(id);
		if (intake.matches()) {
			// the intake first: a read of one that does not exist is nobody's read to audit
			return Ids.uuid(intake.group(1)).map(PatientId::new)
					.flatMap(patient -> intakes.find(patient, Integer.parseInt(intake.group(2)))
							.filter(it -> access.mayRead(patient, PatientAccess.Part.CARE, type(), requester)))
					.map(it -> intake(it, locale));
		}
		return Ids.uuid(id, PSFS_PREFIX).flatMap(ratings::find)
				.filter(rating -> access.mayRead(rating.patient(), PatientAccess.Part.CARE, type(), requester))
				.map(it -> psfs(it, locale));
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var subject = search.reference("subject", "Patient");
		var patient = search.reference("patient", "Patient");
		if (subject.isPresent() && patient.isPresent() && !subject.get().equals(patient.get())) {
			return SearchResult.empty();
		}
		var named = subject.or(() -> patient);
		var questionnaire = search.value("questionnaire").map(Questionnaires::named);
		var authored = search.date("authored");
		if (named.isPresent() && named.get().isEmpty() || questionnaire.isPresent() && questionnaire.get().isEmpty()) {
			return SearchResult.empty();
		}

		List<PatientId> patients;
		var audited = false;
		if (named.isPresent()) {
			var id = new PatientId(named.get().orElseThrow());
			if (!access.mayRead(id, PatientAccess.Part.CARE, type(), requester)) {
				return SearchResult.empty();
			}
			patients = List.of(id);
			audited = true;
		} else {
			patients = access.reachable(PatientAccess.Part.CARE, requester).orElse(null);
		}

		var from = authored.map(SearchRequest.DateRange::from).orElse(null);
		var until = authored.map(SearchRequest.DateRange::until).orElse(null);
		var wanted = questionnaire.map(Optional::orElseThrow).orElse(null);
		// the newest first across both kinds: the page's share of each, merged
		var enough = search.offset() + search.count() + 1;
		var locale = LocaleContextHolder.getLocale();
		var found = new ArrayList<Answered>();
		if (wanted == null || wanted.equals(Questionnaires.INTAKE)) {
			intakes.page(patients, from, until, 0, enough)
					.forEach(it -> found.add(new Answered(it.completedAt(), it.patient(), () -> intake(it, locale))));
		}
		if (wanted == null || wanted.equals(Questionnaires.PSFS)) {
			ratings.page(patients, from, until, 0, enough)
					.forEach(it -> found.add(new Answered(it.ratedAt(), it.patient(), () -> psfs(it, locale))));
		}
		found.sort(Comparator.comparing(Answered::at).reversed());
		var page = found.subList(Math.min(search.offset(), found.size()),
				Math.min(search.offset() + search.count(), found.size()));
		if (!audited) {
			access.recordSearch(type(), page.stream().map(it -> it.patient().id()).toList());
		}
		var more = found.size() > search.offset() + search.count();
		return new SearchResult(page.stream().map(it -> it.response().get()).toList(), List.of(), more,
				more ? null : found.size());
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		var locale = LocaleContextHolder.getLocale();
		var record = new ArrayList<QuestionnaireResponse>();
		intakes.page(List.of(patient), null, null, 0, Integer.MAX_VALUE).forEach(it -> record.add(intake(it, locale)));
		ratings.page(List.of(patient), null, null, 0, Integer.MAX_VALUE).forEach(it -> record.add(psfs(it, locale)));
		return record;
	}

	/** A response found by a search, made into a resource only if it falls on the page. */
	private record Answered(Instant at, PatientId patient,
			java.util.function.Supplier<QuestionnaireResponse> response) {}

	static String intakeId(PatientId patient, int episode) {
		return INTAKE_PREFIX + patient.id() + "-" + episode;
	}

	QuestionnaireResponse intake(FinishedIntake intake, Locale locale) {

		var response = response(intakeId(intake.patient(), intake.episode()), Questionnaires.INTAKE, intake.patient(),
				intake.completedAt());
		var answers = intake.answers();

		var regions = item(response.addItem(), Questionnaires.PAIN_REGIONS, locale);
		answers.painRegions().stream().sorted()
				.forEach(region -> regions.addAnswer().setValue(questionnaires.painRegion(region, locale)));
		item(response.addItem(), Questionnaires.PAIN_NOW, locale).addAnswer().setValue(new IntegerType(answers.painNow()));
		item(response.addItem(), Questionnaires.PAIN_DURATION, locale).addAnswer()
				.setValue(questionnaires.painDuration(answers.painDuration(), locale));
		if (!answers.worseWith().isEmpty()) {
			var worse = item(response.addItem(), Questionnaires.WORSE_WITH, locale);
			answers.worseWith().stream().sorted()
					.forEach(it -> worse.addAnswer().setValue(questionnaires.aggravator(it, locale)));
		}
		if (!answers.diagnoses().isEmpty()) {
			var diagnoses = item(response.addItem(), Questionnaires.DIAGNOSES, locale);
			answers.diagnoses().stream().sorted()
					.forEach(it -> diagnoses.addAnswer().setValue(questionnaires.diagnosis(it, locale)));
		}
		if (!answers.goals().isBlank()) {
			item(response.addItem(), Questionnaires.GOALS, locale).addAnswer().setValue(new StringType(answers.goals()));
		}
		if (!answers.psfs().isEmpty()) {
			activities(item(response.addItem(), Questionnaires.PSFS_GROUP, locale), answers.psfs(), locale);
		}
		var flags = item(response.addItem(), Questionnaires.RED_FLAGS, locale);
		for (var flag : RedFlag.values()) {
			flags.addItem().setLinkId(Questionnaires.RED_FLAG + flag.code()).setText(questionnaires.redFlag(flag, locale))
					.addAnswer().setValue(new BooleanType(answers.redFlags().contains(flag)));
		}
		return response;
	}

	QuestionnaireResponse psfs(PsfsRating rating, Locale locale) {
		var response = response(PSFS_PREFIX + rating.id(), Questionnaires.PSFS, rating.patient(), rating.ratedAt());
		activities(response, rating.items(), locale);
		return response;
	}

	private void activities(QuestionnaireResponseItemComponent parent, List<PsfsItem> items, Locale locale) {
		items.forEach(it -> activity(parent.addItem(), it, locale));
	}

	private void activities(QuestionnaireResponse parent, List<PsfsItem> items, Locale locale) {
		items.forEach(it -> activity(parent.addItem(), it, locale));
	}

	private void activity(QuestionnaireResponseItemComponent item, PsfsItem activity, Locale locale) {
		item(item, Questionnaires.PSFS_ACTIVITY, locale);
		item(item.addItem(), Questionnaires.PSFS_ACTIVITY_NAME, locale).addAnswer()
				.setValue(new StringType(activity.activity()));
		item(item.addItem(), Questionnaires.PSFS_SCORE, locale).addAnswer().setValue(new IntegerType(activity.score()));
	}

	private QuestionnaireResponseItemComponent item(QuestionnaireResponseItemComponent item, String linkId,
			Locale locale) {
		return item.setLinkId(linkId).setText(questionnaires.text(linkId, locale));
	}

	private static QuestionnaireResponse response(String id, String questionnaire, PatientId patient, Instant authored) {
		var response = new QuestionnaireResponse();
		response.setId(id);
		response.setQuestionnaire(Questionnaires.canonical(questionnaire));
		response.setStatus(QuestionnaireResponseStatus.COMPLETED);
		response.setSubject(patientReference(patient));
		response.setAuthor(patientReference(patient));
		response.setSource(patientReference(patient));
		response.setAuthoredElement(CarePlanResources.dateTime(authored));
		return response;
	}

	static Reference patientReference(PatientId patient) {
		return new Reference("Patient/" + patient.id());
	}
}
