package health.stride.patients.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags.Report;
import health.stride.patients.RedFlags.Source;
import health.stride.patients.RedFlags;
import health.stride.patients.RedFlagsCleared;
import health.stride.patients.RedFlagsReported;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.CurrentTenant;

/** {@link RedFlags} on the module's own tables. */
@Service
@Transactional(readOnly = true)
class JdbcRedFlags implements RedFlags {

	private final JdbcClient jdbc;
	private final Patients patients;
	private final PatientDirectory directory;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	JdbcRedFlags(JdbcClient jdbc, Patients patients, PatientDirectory directory, ApplicationEventPublisher events,
			AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.patients = patients;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records the symptoms a patient answered "yes" to and announces them.
	 *
	 * @throws IllegalArgumentException without any symptom, or for a patient of another clinic
	 */
	@Transactional
	@Override
	public Report report(PatientId patient, Set<RedFlag> symptoms, Source source) {

		if (symptoms.isEmpty()) {
			throw new IllegalArgumentException("A red-flag report names at least one symptom");
		}
		if (!patients.existsById(patient.id())) {
			throw new IllegalArgumentException("No patient " + patient + " in this clinic");
		}
		if (source == Source.REPORT) {
			directory.requireOpenPortal(patient);
		}

		var report = new Report(UUID.randomUUID(), source, Set.copyOf(symptoms), clock.instant(), null, null, null);
		jdbc.sql("""
				insert into patients.red_flag_report (id, patient_id, source, symptoms, reported_at)
				values (?, ?, ?, ?, ?)""")
				.params(report.id(), patient.id(), source.name(), codes(symptoms),
						java.sql.Timestamp.from(report.reportedAt()))
				.update();

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "red-flag-report");
		events.publishEvent(new RedFlagsReported(CurrentTenant.require(), patient, report.id()));
		return report;
	}

	/** The patient's reports, newest first. */
	@Override
	public List<Report> of(PatientId patient) {
		return jdbc.sql("""
				select id, source, symptoms, reported_at, cleared_at, cleared_by, clear_note
				from patients.red_flag_report where patient_id = ? order by reported_at desc""")
				.param(patient.id())
				.query((row, number) -> new Report(row.getObject(1, UUID.class), Source.valueOf(row.getString(2)),
						symptoms((String[]) row.getArray(3).getArray()), row.getTimestamp(4).toInstant(),
						row.getTimestamp(5) == null ? null : row.getTimestamp(5).toInstant(), row.getString(6),
						row.getString(7)))
				.list();
	}

	@Override
	public List<Report> open(PatientId patient) {
		return of(patient).stream().filter(Report::open).toList();
	}

	/**
	 * A clinician's review of an open report: cleared, with a note saying what was done.
	 *
	 * @return false if there is no such open report for this patient
	 */
	@Transactional
	@Override
	public boolean clear(PatientId patient, UUID report, String note) {

		var text = note.strip();
		if (text.isEmpty() || text.length() > MAX_NOTE) {
			throw new IllegalArgumentException("A clearing note has 1 to " + MAX_NOTE + " characters");
		}

		var cleared = jdbc.sql("""
				update patients.red_flag_report set cleared_at = ?, cleared_by = ?, clear_note = ?
				where id = ? and patient_id = ? and cleared_at is null""")
				.params(java.sql.Timestamp.from(clock.instant()), CurrentUser.require().username(), text, report,
						patient.id())
				.update() == 1;

		if (cleared) {
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "red-flag-report");
			events.publishEvent(new RedFlagsCleared(CurrentTenant.require(), patient, report));
		}
		return cleared;
	}

	private static String[] codes(Set<RedFlag> symptoms) {
		return symptoms.stream().sorted().map(Enum::name).toArray(String[]::new);
	}

	private static Set<RedFlag> symptoms(String[] names) {
		return Set.copyOf(Arrays.stream(names).map(RedFlag::valueOf).toList());
	}
}
