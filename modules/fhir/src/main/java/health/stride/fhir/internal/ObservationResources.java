package health.stride.fhir.internal;

import static health.stride.fhir.internal.ObservationCodes.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import health.stride.patients.Instrument;
import health.stride.patients.FinishedIntakes;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.Screenings;
import health.stride.patients.TimeWindow;
import health.stride.programs.PsfsRatings;
import health.stride.programs.Sessions;
import health.stride.programs.Walks;

/**
 * {@code Observation}: what patients report, as the patients and programs modules keep it. The pain before
 * and after each exercise session, the minutes walked (a walk logged on its own, or the walking of a
 * session), each activity's score on the functional scale (at intake and re-rated) and the totals of the
 * mood questionnaires. Stride stores none of them as an observation: each is derived from its record, and its
 * id names the part of the record it is ({@code pain-before-<session>}).
 * <p>
 * A search merges the kinds in time order without reading a patient's whole history: each module hands over
 * at most the first {@code _offset + _count + 1} of its records in that order, through the index on the
 * patient and the time, and the page is cut from their merge. Records of the same moment are ordered by their
 * record's id, then by their part, so a page boundary never drops or repeats one.
 */
@Component
class ObservationResources implements ResourceProvider<Observation> {

	/** The kinds of observation: the prefix of their ids, their category and their codes. */
	enum Kind {

		// the three parts of a session, in the order they take at the same moment
		PAIN_BEFORE("pain-before-", SURVEY, PAIN, Stride.PAIN_BEFORE.code()),
		PAIN_AFTER("pain-after-", SURVEY, PAIN, Stride.PAIN_AFTER.code()),
		SESSION_WALK("session-walk-", ACTIVITY, Stride.WALKING_MINUTES.code()),
		WALK("walk-", ACTIVITY, Stride.WALKING_MINUTES.code()),
		PSFS_INTAKE("psfs-intake-", SURVEY, Stride.PSFS_ITEM.code()),
		PSFS("psfs-", SURVEY, Stride.PSFS_ITEM.code()),
		PHQ2("phq-", SURVEY, PHQ2_TOTAL),
		PHQ9("phq-", SURVEY, PHQ9_TOTAL),
		GAD7("gad-", SURVEY, GAD7_TOTAL);

		private final String prefix;
		private final Code category;
		private final List<Code> codes;

		Kind(String prefix, Code category, Code... codes) {
			this.prefix = prefix;
			this.category = category;
			this.codes = List.of(codes);
		}

		String prefix() {
			return prefix;
		}

		List<Code> codes() {
			return codes;
		}

		Code category() {
			return category;
		}

		static final Set<Kind> OF_SESSIONS = EnumSet.of(PAIN_BEFORE, PAIN_AFTER, SESSION_WALK);

		static Kind of(Instrument instrument) {
			return switch (instrument) {
				case PHQ2 -> PHQ2;
				case PHQ9 -> PHQ9;
				case GAD7 -> GAD7;
			};
		}

		@Nullable
		Instrument instrument() {
			return switch (this) {
				case PHQ2 -> Instrument.PHQ2;
				case PHQ9 -> Instrument.PHQ9;
				case GAD7 -> Instrument.GAD7;
				default -> null;
			};
		}
	}

	/**
	 * One observation in the order of a search: its moment, then its record's id and part. The observation
	 * itself is built only for the entries a page shows.
	 */
	record Entry(Instant at, String key, PatientId patient, String id, Supplier<Observation> builder) {

		Observation observation() {
			return builder.get();
		}
	}

	private static final Pattern PSFS_ID = Pattern.compile("([0-9a-f\\-]{36})-(\\d{1,2})");
	private static final Pattern PSFS_INTAKE_ID = Pattern.compile("([0-9a-f\\-]{36})-(\\d{1,6})-(\\d{1,2})");
	private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

	private final Sessions sessions;
	private final Walks walks;
	private final PsfsRatings ratings;
	private final FinishedIntakes intakes;
	private final Screenings screenings;
	private final PatientAccess access;
	private final TransactionTemplate transaction;

	ObservationResources(Sessions sessions, Walks walks, PsfsRatings ratings, FinishedIntakes intakes,
			Screenings screenings, PatientAccess access, PlatformTransactionManager transactions) {
		this.sessions = sessions;
		this.walks = walks;
		this.ratings = ratings;
		this.intakes = intakes;
		this.screenings = screenings;
		this.access = access;
		// not read-only: a patient's read of their own observations is audited in the transaction that reads them
		this.transaction = new TransactionTemplate(transactions);
	}

	@Override
	public ResourceType type() {
		return ResourceType.Observation;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("subject", "patient", "code", "category", "date");
	}

	@Override
	public Set<String> sortParameters() {
		return Set.of("date", "-date");
	}

	@Override
	public Optional<Observation> read(String id, Requester requester) {
		// found first (in the clinic only), then the requester's access to its patient decided and audited
		return inTransaction(() -> find(id))
				.filter(entry -> access.mayRead(entry.patient(), PatientAccess.Part.CARE, type(), requester))
				.map(Entry::observation);
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var kinds = kinds(search);
		var dates = search.date("date").orElse(new SearchRequest.DateRange(null, null));
		var subject = SearchSubjects.of(search, "subject", "patient");
		if (kinds.isEmpty() || subject.filter(Optional::isEmpty).isPresent()) {
			return SearchResult.empty();
		}

		List<PatientId> patients;
		PatientId own = null;
		if (subject.isPresent()) {
			var patient = subject.get().orElseThrow();
			if (access.isOwn(patient, requester)) {
				own = patient; // nobody refused: the read is recorded in the transaction that reads
			} else if (!access.mayRead(patient, PatientAccess.Part.CARE, type(), requester)) {
				return SearchResult.empty();
			}
			patients = List.of(patient);
		} else {
			patients = access.reachable(PatientAccess.Part.CARE, requester).orElse(null);
			if (patients != null && patients.isEmpty()) {
				return SearchResult.empty();
			}
		}

		var end = search.offset() + search.count();
		var window = new TimeWindow(patients, dates.from(), dates.until(), search.newestFirst(), end + 1);
		var ownPatient = own;
		var entries = inTransaction(() -> {
			if (ownPatient != null) {
				access.mayRead(ownPatient, PatientAccess.Part.CARE, type(), requester);
			}
			return collect(window, kinds);
		});
		var page = entries.subList(Math.min(search.offset(), entries.size()), Math.min(end, entries.size()));
		if (subject.isEmpty()) {
			access.recordSearch(type(),
					page.stream().map(it -> it.patient().id()).collect(Collectors.toCollection(LinkedHashSet::new)));
		}
		return new SearchResult(page.stream().map(Entry::observation).toList(), List.of(), entries.size() > end, null);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return inTransaction(() -> collect(TimeWindow.everythingOf(patient), EnumSet.allOf(Kind.class))).stream()
				.map(Entry::observation).toList();
	}

	/** The kinds the search's {@code code} and {@code category} allow (each a list of tokens, any of which matches). */
	private static Set<Kind> kinds(SearchRequest search) {
		var kinds = EnumSet.allOf(Kind.class);
		search.value("code").map(ObservationResources::tokens)
				.ifPresent(tokens -> kinds.removeIf(kind -> tokens.stream().noneMatch(
						token -> kind.codes().stream().anyMatch(code -> code.matches(token)))));
		search.value("category").map(ObservationResources::tokens)
				.ifPresent(tokens -> kinds.removeIf(kind -> tokens.stream().noneMatch(kind.category()::matches)));
		return kinds;
	}

	private static List<String> tokens(String value) {
		return Arrays.stream(value.split(",")).map(String::strip).filter(it -> !it.isEmpty()).toList();
	}

	/**
	 * The observations of the window's first records of each source, merged into the window's order: the
	 * first {@code window.limit()} of them are those of the whole history.
	 */
	private List<Entry> collect(TimeWindow window, Set<Kind> kinds) {

		var entries = new ArrayList<Entry>();
		if (kinds.stream().anyMatch(Kind.OF_SESSIONS::contains)) {
			// with pain asked for, every session gives one; otherwise only the sessions with walking do
			var walkedOnly = !kinds.contains(Kind.PAIN_BEFORE) && !kinds.contains(Kind.PAIN_AFTER);
			for (var session : sessions.measuresInOrder(window, walkedOnly)) {
				entries.addAll(fromSession(session, kinds));
			}
		}
		if (kinds.contains(Kind.WALK)) {
			walks.inOrder(window).forEach(walk -> entries.add(fromWalk(walk)));
		}
		if (kinds.contains(Kind.PSFS)) {
			ratings.inOrder(window).forEach(rating -> entries.addAll(fromRating(rating)));
		}
		if (kinds.contains(Kind.PSFS_INTAKE)) {
			intakes.withPsfsInOrder(window).forEach(intake -> entries.addAll(fromIntake(intake)));
		}
		var instruments = kinds.stream().map(Kind::instrument).filter(java.util.Objects::nonNull)
				.collect(Collectors.toCollection(() -> EnumSet.noneOf(Instrument.class)));
		if (!instruments.isEmpty()) {
			screenings.inOrder(window, instruments).forEach(answered -> entries.add(fromScreening(answered)));
		}

		Comparator<Entry> byTime = Comparator.comparing(Entry::at);
		entries.sort((window.newestFirst() ? byTime.reversed() : byTime).thenComparing(Entry::key));
		return entries;
	}

	/** The observation with this id, if the current clinic has its record (whoever may read it). */
	private Optional<Entry> find(String id) {

		if (id.startsWith(Kind.PSFS_INTAKE.prefix())) {
			var parts = PSFS_INTAKE_ID.matcher(id.substring(Kind.PSFS_INTAKE.prefix().length()));
			if (!parts.matches()) {
				return Optional.empty();
			}
			var patient = Ids.uuid(parts.group(1)).map(PatientId::new);
			var episode = Integer.parseInt(parts.group(2));
			return patient.flatMap(it -> intakes.find(it, episode)).flatMap(intake -> byId(fromIntake(intake), id));
		}
		if (id.startsWith(Kind.PSFS.prefix())) {
			var parts = PSFS_ID.matcher(id.substring(Kind.PSFS.prefix().length()));
			return parts.matches() ? Ids.uuid(parts.group(1)).flatMap(ratings::find)
					.flatMap(rating -> byId(fromRating(rating), id)) : Optional.empty();
		}
		for (var kind : Kind.OF_SESSIONS) {
			if (id.startsWith(kind.prefix())) {
				return Ids.uuid(id, kind.prefix()).flatMap(sessions::measures)
						.flatMap(session -> byId(fromSession(session, EnumSet.of(kind)), id));
			}
		}
		if (id.startsWith(Kind.WALK.prefix())) {
			return Ids.uuid(id, Kind.WALK.prefix()).flatMap(walks::find).map(this::fromWalk);
		}
		for (var prefix : List.of(Kind.PHQ2.prefix(), Kind.GAD7.prefix())) {
			if (id.startsWith(prefix)) {
				return Ids.uuid(id, prefix).flatMap(screenings::find).map(this::fromScreening)
						.filter(entry -> entry.id().equals(id));
			}
		}
		return Optional.empty();
	}

	private static Optional<Entry> byId(List<Entry> entries, String id) {
		return entries.stream().filter(it -> it.id().equals(id)).findFirst();
	}

	private List<Entry> fromSession(Sessions.Measures session, Set<Kind> kinds) {
		var entries = new ArrayList<Entry>();
		var id = session.session().toString();
		if (kinds.contains(Kind.PAIN_BEFORE)) {
			entries.add(entry(Kind.PAIN_BEFORE, id, session.patient(), session.performedAt(),
					observation -> observation.setValue(score(session.painBefore()))));
		}
		if (kinds.contains(Kind.PAIN_AFTER)) {
			entries.add(entry(Kind.PAIN_AFTER, id, session.patient(), session.performedAt(),
					observation -> observation.setValue(score(session.painAfter()))));
		}
		if (kinds.contains(Kind.SESSION_WALK) && session.walkingMinutes() != null) {
			entries.add(entry(Kind.SESSION_WALK, id, session.patient(), session.performedAt(),
					observation -> observation.setValue(minutes(session.walkingMinutes()))));
		}
		return entries;
	}

	private Entry fromWalk(Walks.Walk walk) {
		return entry(Kind.WALK, walk.id().toString(), walk.patient(), walk.walkedAt(), observation -> {
			observation.setValue(minutes(walk.minutes()));
			// the pain around the walk, with the codes of the pain around a session
			if (walk.painBefore() != null) {
				var before = observation.addComponent().setValue(score(walk.painBefore()));
				before.getCode().addCoding(PAIN.coding()).addCoding(Stride.PAIN_BEFORE.code().coding());
			}
			var after = observation.addComponent().setValue(score(walk.painAfter()));
			after.getCode().addCoding(PAIN.coding()).addCoding(Stride.PAIN_AFTER.code().coding());
		});
	}

	private List<Entry> fromRating(PsfsRatings.PsfsRating rating) {
		return items(Kind.PSFS, rating.id().toString(), rating.patient(), rating.ratedAt(), rating.items());
	}

	private List<Entry> fromIntake(FinishedIntakes.FinishedIntake intake) {
		return items(Kind.PSFS_INTAKE, intake.patient().id() + "-" + intake.episode(), intake.patient(),
				intake.completedAt(), intake.answers().psfs());
	}

	/** One observation per activity, numbered from 1 in the order the patient named them. */
	private List<Entry> items(Kind kind, String record, PatientId patient, Instant at, List<PsfsItem> items) {
		var entries = new ArrayList<Entry>();
		for (int i = 0; i < items.size(); i++) {
			var item = items.get(i);
			entries.add(entry(kind, record + "-" + (i + 1), patient, at, observation -> {
				observation.setValue(score(item.score()));
				observation.getCode().setText(item.activity());
			}));
		}
		return entries;
	}

	private Entry fromScreening(Screenings.Answered answered) {
		var screening = answered.screening();
		return entry(Kind.of(screening.instrument()), screening.id().toString(), answered.patient(),
				screening.answeredAt(), observation -> observation.setValue(score(screening.score())));
	}

	/**
	 * The observation of a kind about a record ({@code record} names it, and the part within it when it has
	 * several), with its key in the order of a search.
	 */
	private static Entry entry(Kind kind, String record, PatientId patient, Instant at, Consumer<Observation> value) {

		var id = kind.prefix() + record;
		Supplier<Observation> builder = () -> {
			var observation = new Observation();
			observation.setId(id);
			observation.setStatus(ObservationStatus.FINAL);
			observation.addCategory().addCoding(kind.category().coding());
			for (var code : kind.codes()) {
				observation.getCode().addCoding(code.coding());
			}
			var subject = "Patient/" + patient.id();
			observation.setSubject(new Reference(subject));
			observation.addPerformer(new Reference(subject)); // each was reported by the patient
			observation.setEffective(new DateTimeType(Date.from(at), TemporalPrecisionEnum.MILLI, UTC));
			value.accept(observation);
			return observation;
		};

		// a record's uuid, then the part: a session's parts by their order in Kind, an activity by its number
		var key = switch (kind) {
			case PAIN_BEFORE, PAIN_AFTER, SESSION_WALK -> record + "/" + kind.ordinal();
			case PSFS, PSFS_INTAKE -> padded(record);
			default -> record;
		};
		return new Entry(at, key, patient, id, builder);
	}

	/** A PSFS record's name with its numbers padded, so that they order as numbers ({@code <uuid>-<episode>-<item>}). */
	private static String padded(String record) {
		var parts = record.substring(36).split("-");
		var key = new StringBuilder(record.substring(0, 36));
		for (var part : parts) {
			if (!part.isEmpty()) {
				key.append('/').append("%06d".formatted(Integer.parseInt(part)));
			}
		}
		return key.toString();
	}

	private static Quantity score(int value) {
		return new Quantity().setValue(BigDecimal.valueOf(value)).setUnit("{score}").setSystem(UCUM).setCode("{score}");
	}

	private static Quantity minutes(int value) {
		return new Quantity().setValue(BigDecimal.valueOf(value)).setUnit("min").setSystem(UCUM).setCode("min");
	}

	private <T> T inTransaction(Supplier<T> work) {
		return java.util.Objects.requireNonNull(transaction.execute(status -> work.get()));
	}
}
