package health.stride.fhir.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episode;
import health.stride.patients.Episodes;
import health.stride.patients.PatientId;
import health.stride.programs.PlanHistory;
import health.stride.programs.PlanHistory.PlanStatus;
import health.stride.programs.PlanHistory.SavedVersion;
import health.stride.programs.PlanHistory.Standing;

/**
 * {@code CarePlan}: a patient's plan, id the plan's, every saved version kept ({@code _history}); a new
 * assignment is a version of the patient's one plan too, so earlier programs are its earlier versions. The
 * plan is {@code active}, {@code on-hold} while a red flag is open, and once a discharge ended it
 * {@code completed} (goals met, or a plateau) or {@code revoked} (referred on, stopped attending, another
 * reason). Patient care: read by the patient, their care team and the clinic's integration, every read
 * audited.
 */
@Component
class CarePlanResources implements ResourceProvider<CarePlan> {

	static final String INCLUDE_SUBJECT = "CarePlan:subject";
	private static final String STATUS_SYSTEM = "http://hl7.org/fhir/request-status|";
	/** How many plans a search looks at at once when it must tell completed from revoked plans itself. */
	private static final int CHUNK = 200;

	private final PlanHistory plans;
	private final PatientAccess access;
	private final Episodes episodes;
	private final CarePlanMapping mapping;
	private final PatientResources patientResources;

	CarePlanResources(PlanHistory plans, PatientAccess access, Episodes episodes,
			CarePlanMapping mapping, PatientResources patientResources) {
		this.patientResources = patientResources;
		this.plans = plans;
		this.access = access;
		this.episodes = episodes;
		this.mapping = mapping;
	}

	@Override
	public ResourceType type() {
		return ResourceType.CarePlan;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("subject", "patient", "status");
	}

	@Override
	public Set<String> includes() {
		return Set.of(INCLUDE_SUBJECT);
	}

	@Override
	public boolean versioned() {
		return true;
	}

	@Override
	public Optional<CarePlan> read(String id, Requester requester) {
		return readable(id, requester).flatMap(this::current);
	}

	@Override
	public List<CarePlan> history(String id, Requester requester) {
		return readable(id, requester)
				.map(plan -> plans.versions(plan.plan()).stream().map(version -> carePlan(plan, version)).toList())
				.orElse(List.of());
	}

	@Override
	public Optional<CarePlan> version(String id, String versionId, Requester requester) {
		if (!versionId.matches("[1-9][0-9]{0,17}")) {
			return Optional.empty();
		}
		return readable(id, requester).flatMap(plan -> plans.version(plan.plan(), Long.parseLong(versionId))
				.map(version -> carePlan(plan, version)));
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return plans.ofPatient(patient).flatMap(this::current).stream().toList();
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var subject = search.reference("subject", "Patient");
		var patient = search.reference("patient", "Patient");
		if (subject.isPresent() && patient.isPresent() && !subject.get().equals(patient.get())) {
			return SearchResult.empty();
		}
		var named = subject.or(() -> patient);
		if (named.isPresent() && named.get().isEmpty()) {
			return SearchResult.empty();
		}
		var statuses = search.value("status").map(CarePlanResources::statuses).orElse(EnumSet.allOf(CarePlanStatus.class));
		var standings = EnumSet.noneOf(Standing.class);
		if (statuses.contains(CarePlanStatus.ACTIVE)) {
			standings.add(Standing.ACTIVE);
		}
		if (statuses.contains(CarePlanStatus.ONHOLD)) {
			standings.add(Standing.ON_HOLD);
		}
		if (statuses.contains(CarePlanStatus.COMPLETED) || statuses.contains(CarePlanStatus.REVOKED)) {
			standings.add(Standing.ENDED);
		}
		if (standings.isEmpty()) {
			return SearchResult.empty();
		}

		List<PatientId> reach;
		var audited = named.isPresent();
		if (named.isPresent()) {
			var id = new PatientId(named.get().orElseThrow());
			if (!access.mayRead(id, PatientAccess.Part.CARE, type(), requester)) {
				return SearchResult.empty();
			}
			reach = List.of(id);
		} else {
			reach = access.reachable(PatientAccess.Part.CARE, requester).orElse(null);
		}

		// an ended plan is completed or revoked by its discharge's reason, which only the patients module knows
		var both = statuses.contains(CarePlanStatus.COMPLETED) == statuses.contains(CarePlanStatus.REVOKED);
		Predicate<PlanStatus> wanted = both ? plan -> true : plan -> statuses.contains(status(plan));
		var found = both ? plans.page(reach, standings, search.offset(), search.count() + 1)
				: filtered(reach, standings, wanted, search.offset() + search.count() + 1).stream()
						.skip(search.offset()).toList();

		var more = found.size() > search.count();
		var page = found.stream().limit(search.count()).toList();
		if (!audited) {
			access.recordSearch(type(), page.stream().map(it -> it.patient().id()).toList());
		}
		var matches = page.stream().map(this::current).flatMap(Optional::stream).toList();
		var included = search.includes().contains(INCLUDE_SUBJECT) ? subjects(page, requester) : List.<Resource> of();
		// past the last plan the count is unknown without counting; say nothing rather than something wrong
		return new SearchResult(matches, included, more,
				more || matches.isEmpty() && search.offset() > 0 ? null : search.offset() + matches.size());
	}

	/** The first {@code enough} plans that the filter keeps, read a chunk at a time. */
	private List<PlanStatus> filtered(@Nullable List<PatientId> reach, Set<Standing> standings,
			Predicate<PlanStatus> wanted, int enough) {
		var kept = new ArrayList<PlanStatus>();
		for (var offset = 0; kept.size() < enough; offset += CHUNK) {
			var chunk = plans.page(reach, standings, offset, CHUNK);
			chunk.stream().filter(wanted).forEach(kept::add);
			if (chunk.size() < CHUNK) {
				break;
			}
		}
		return kept;
	}

	/** The Patient of each plan on the page, for {@code _include=CarePlan:subject}; their reads were decided with the plans'. */
	private List<Resource> subjects(List<PlanStatus> page, Requester requester) {
		var subjects = page.stream().map(PlanStatus::patient).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
		return List.copyOf(patientResources.included(subjects, requester));
	}

	/** The plan, if the requester may read the patient's care (audited either way). */
	private Optional<PlanStatus> readable(String id, Requester requester) {
		return Ids.uuid(id).flatMap(plans::find)
				.filter(plan -> access.mayRead(plan.patient(), PatientAccess.Part.CARE, type(), requester));
	}

	private Optional<CarePlan> current(PlanStatus plan) {
		return plans.version(plan.plan(), plan.version()).map(version -> carePlan(plan, version));
	}

	/** The version as a CarePlan: the latest with where the plan stands now, an earlier one as it stood, active. */
	private CarePlan carePlan(PlanStatus plan, SavedVersion version) {
		if (version.version() != plan.version()) {
			return mapping.carePlan(version, CarePlanStatus.ACTIVE, null, version.changedAt());
		}
		var held = plan.standing() == Standing.ON_HOLD ? plan.heldSince() : null;
		var changed = Stream.of(version.changedAt(), held, plan.endedAt()).filter(Objects::nonNull)
				.max(Comparator.naturalOrder()).orElseThrow();
		return mapping.carePlan(version, status(plan), plan.endedAt(), changed);
	}

	private CarePlanStatus status(PlanStatus plan) {
		return switch (plan.standing()) {
			case ACTIVE -> CarePlanStatus.ACTIVE;
			case ON_HOLD -> CarePlanStatus.ONHOLD;
			case ENDED -> ended(plan);
		};
	}

	/** An ended plan by the reason of the discharge that ended it: the latest episode closed by then. */
	private CarePlanStatus ended(PlanStatus plan) {
		var ended = Objects.requireNonNull(plan.endedAt());
		var reason = episodes.episodes(plan.patient()).stream()
				.filter(it -> it.closedAt() != null && !it.closedAt().isAfter(ended) && it.reason() != null)
				.max(Comparator.comparing(Episode::closedAt)).map(Episode::reason).orElse(DischargeReason.GOALS_MET);
		return switch (reason) {
			case GOALS_MET, PLATEAU -> CarePlanStatus.COMPLETED;
			case REFERRED, STOPPED_ATTENDING, OTHER -> CarePlanStatus.REVOKED;
		};
	}

	/** The statuses a {@code status} parameter names, comma separated, each with or without its system. */
	private static Set<CarePlanStatus> statuses(String parameter) {
		var statuses = EnumSet.noneOf(CarePlanStatus.class);
		for (var token : parameter.split(",", -1)) {
			var code = token.startsWith(STATUS_SYSTEM) ? token.substring(STATUS_SYSTEM.length())
					: token.startsWith("|") ? token.substring(1) : token;
			var status = Stream.of(CarePlanStatus.values())
					.filter(it -> it != CarePlanStatus.NULL && it.toCode().equals(code)).findFirst()
					.orElseThrow(() -> FhirProblem.invalid("fhir.problem.careplan-status"));
			statuses.add(status);
		}
		return statuses;
	}

	/** An instant as a FHIR dateTime, in UTC to the millisecond. */
	static DateTimeType dateTime(Instant instant) {
		return new DateTimeType(java.util.Date.from(instant), TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC"));
	}
}
