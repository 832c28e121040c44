package health.stride.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.Instrument;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.Screenings;
import health.stride.patients.TimeWindow;
import health.stride.patients.UrgentScreeningReported;
import health.stride.patients.UrgentScreeningReviewed;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.database.TimeOrderedQueries;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.CurrentTenant;

/** {@link Screenings} on the module's own table. */
@Service
@Transactional(readOnly = true)
class JdbcScreenings implements Screenings {

	private final JdbcClient jdbc;
	private final Patients patients;
	private final PatientDirectory directory;
	private final Intakes intakes;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	JdbcScreenings(JdbcClient jdbc, Patients patients, PatientDirectory directory, Intakes intakes,
			ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.patients = patients;
		this.directory = directory;
		this.intakes = intakes;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	@Override
	public Screening answer(PatientId patient, Instrument instrument, List<Integer> answers) {
		return answer(patient, instrument, answers, clock.instant());
	}

	@Transactional
	@Override
	public java.util.Optional<Screening> answerIfDue(PatientId patient, Instrument instrument, List<Integer> answers) {
		instrument.score(answers); // bad answers are refused before anything is locked
		// the record's row lock orders two submissions: the second sees the first's questionnaire
		var locked = jdbc.sql("select id from patients.patient where id = ? for no key update").param(patient.id())
				.query(UUID.class).optional();
		if (locked.isEmpty()) {
			throw new IllegalArgumentException("No patient " + patient + " in this clinic");
		}
		if (!due(patient).contains(instrument)) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(answer(patient, instrument, answers, clock.instant()));
	}

	@Transactional
	@Override
	public Screening answer(PatientId patient, Instrument instrument, List<Integer> answers, Instant answeredAt) {

		var result = instrument.score(answers);
		if (answeredAt.isAfter(clock.instant())) {
			throw new IllegalArgumentException("A questionnaire is answered now or before");
		}
		if (!patients.existsById(patient.id())) {
			throw new IllegalArgumentException("No patient " + patient + " in this clinic");
		}
		directory.requireOpenPortal(patient);

		var screening = new Screening(UUID.randomUUID(), instrument, answers, result.score(), result.severity(),
				result.urgent(), answeredAt, null, null, null);
		jdbc.sql("""
				insert into patients.screening (id, patient_id, instrument, answers, score, severity, urgent, answered_at)
				values (?, ?, ?, ?::smallint[], ?, ?, ?, ?)""")
				.params(screening.id(), patient.id(), instrument.name(), answers.toArray(Integer[]::new), result.score(),
						result.severity().name(), result.urgent(), Timestamp.from(answeredAt))
				.update();

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "screening");
		if (result.urgent()) {
			// its own line, so the trail shows when the care team had to be told, not only that a form was sent
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "screening-urgent");
			events.publishEvent(new UrgentScreeningReported(CurrentTenant.require(), patient, screening.id(), answeredAt));
		}
		return screening;
	}

	@Override
	public List<Screening> of(PatientId patient) {
		return jdbc.sql("""
				select id, instrument, answers::integer[] as answers, score, severity, urgent, answered_at, reviewed_at,
				       reviewed_by, review_note
				from patients.screening where patient_id = ? order by answered_at desc, id""")
				.param(patient.id()).query((row, number) -> screening(row)).list();
	}

	@Override
	public List<Answered> inOrder(TimeWindow window, Set<Instrument> instruments) {
		if (instruments.isEmpty() || window.limit() == 0) {
			return List.of();
		}
		var names = instruments.stream().map(Enum::name).sorted().toArray(String[]::new);
		return TimeOrderedQueries.query(jdbc, window.query(), COLUMNS, "patients.screening", "answered_at", "id", "instrument = any (?)",
				(Object) names).query((row, number) -> answered(row)).list();
	}

	@Override
	public java.util.Optional<Answered> find(UUID screening) {
		return jdbc.sql("select " + COLUMNS + " from patients.screening where id = ?").param(screening)
				.query((row, number) -> answered(row)).optional();
	}

	private static final String COLUMNS = """
			patient_id, id, instrument, answers::integer[] as answers, score, severity, urgent, answered_at, reviewed_at,
			reviewed_by, review_note""";

	private static Answered answered(ResultSet row) throws SQLException {
		return new Answered(new PatientId(row.getObject("patient_id", UUID.class)), screening(row));
	}

	@Override
	public List<Screening> open(PatientId patient) {
		return of(patient).stream().filter(Screening::open).toList();
	}

	@Override
	public Set<Instrument> due(PatientId patient) {

		var due = EnumSet.noneOf(Instrument.class);
		if (!intakes.draft(patient).completed() || !directory.portalAccess(patient).isOpen()) {
			return due;
		}
		var all = of(patient);
		var since = clock.instant().minus(PHQ2_EVERY);
		var phq = all.stream().filter(it -> it.instrument() != Instrument.GAD7).findFirst();
		// a positive PHQ-2 asks for the PHQ-9 until one is answered, while that PHQ-2 counts
		if (phq.filter(it -> it.instrument() == Instrument.PHQ2 && it.severity() == Instrument.Severity.POSITIVE
				&& it.answeredAt().isAfter(since)).isPresent()) {
			due.add(Instrument.PHQ9);
		}
		if (phq.filter(it -> it.answeredAt().isAfter(since)).isEmpty()) {
			due.add(Instrument.PHQ2);
		}
		if (all.stream().noneMatch(it -> it.instrument() == Instrument.GAD7)) {
			due.add(Instrument.GAD7);
		}
		return due;
	}

	@Transactional
	@Override
	public boolean review(PatientId patient, UUID screening, String note) {

		var text = note.strip();
		if (text.isEmpty() || text.length() > MAX_NOTE || text.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("A review note has 1 to " + MAX_NOTE + " characters");
		}
		var now = clock.instant();
		var reviewed = jdbc.sql("""
				update patients.screening set reviewed_at = ?, reviewed_by = ?, review_note = ?
				where id = ? and patient_id = ? and urgent and reviewed_at is null""")
				.params(Timestamp.from(now), CurrentUser.require().username(), text, screening, patient.id())
				.update() == 1;

		if (reviewed) {
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "screening-review");
			events.publishEvent(new UrgentScreeningReviewed(CurrentTenant.require(), patient, screening, now));
		}
		return reviewed;
	}

	private static Screening screening(ResultSet row) throws SQLException {
		var answers = Arrays.asList((Integer[]) row.getArray("answers").getArray());
		return new Screening(row.getObject("id", UUID.class), Instrument.valueOf(row.getString("instrument")), answers,
				row.getInt("score"), Instrument.Severity.valueOf(row.getString("severity")), row.getBoolean("urgent"),
				row.getTimestamp("answered_at").toInstant(), instant(row, "reviewed_at"), row.getString("reviewed_by"),
				row.getString("review_note"));
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		var at = row.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}
}
