package health.stride.patients.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.CoverageEnds;
import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.Signups;
import health.stride.patients.CareTeams;
import health.stride.patients.CoverageEnd;
import health.stride.patients.CoverageEndChanged;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory.StatusChange;
import health.stride.patients.PatientDemographics;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientEnrolled;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.patients.PatientStatus;
import health.stride.patients.PatientSummary;
import health.stride.patients.Payment;
import health.stride.patients.PortalAccess;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/** {@link PatientDirectory} on the module's own tables. */
@Service
@Transactional(readOnly = true)
class JdbcPatientDirectory implements PatientDirectory {

	private final Patients patients;
	private final Signups signups;
	private final CareTeams careTeams;
	private final StatusChanges statuses;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;
	private final CoverageEnds coverageEnds;
	private final ClinicRegistry clinics;

	JdbcPatientDirectory(Patients patients, Signups signups, CareTeams careTeams, StatusChanges statuses, JdbcClient jdbc,
			ApplicationEventPublisher events, AuditTrail audit, Clock clock, CoverageEnds coverageEnds,
			ClinicRegistry clinics) {
		this.coverageEnds = coverageEnds;
		this.clinics = clinics;
		this.patients = patients;
		this.signups = signups;
		this.careTeams = careTeams;
		this.statuses = statuses;
		this.jdbc = jdbc;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public Optional<PatientSummary> find(PatientId id) {
		return patients.findById(id.id()).map(Patient::summary);
	}

	/**
	 * Where to send the patient notices that something waits for them on Stride (never anything
	 * about their care itself).
	 */
	@Override
	public Optional<String> emailOf(PatientId id) {
		return jdbc.sql("select email from patients.patient where id = ?").param(id.id()).query(String.class).optional();
	}

	/** The language the patient reads Stride in: their pages and the emails sent to them. */
	@Override
	public Language languageOf(PatientId id) {
		return jdbc.sql("select language from patients.patient where id = ?").param(id.id()).query(String.class)
				.optional().flatMap(Language::ofTag).orElse(Language.ENGLISH);
	}

	/** The language of the signed-in patient's choice, if this user is a patient of the current clinic. */
	@Override
	public Optional<Language> languageOfUser(String username) {
		return jdbc.sql("select language from patients.patient where username = ?").param(username)
				.query(String.class).optional().flatMap(Language::ofTag);
	}

	/** The patient chose the language they read Stride in. */
	@Transactional
	@Override
	public void changeLanguage(PatientId id, Language language) {
		var changed = jdbc.sql("update patients.patient set language = ? where id = ?").params(language.tag(), id.id())
				.update();
		if (changed == 0) {
			throw new IllegalArgumentException("No patient " + id + " in this clinic");
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id.id(), "patient-language");
	}

	@Override
	public Optional<PatientSummary> findByUsername(String username) {
		return patients.findByUsername(username).map(Patient::summary);
	}

	@Override
	public Optional<PatientId> idOfUser(String username) {
		// on every FHIR request of a patient: one plain read, none of the entity machinery
		return jdbc.sql("select id from patients.patient where username = ?").param(username)
				.query((row, number) -> new PatientId(row.getObject(1, UUID.class))).optional();
	}

	@Override
	public Optional<PatientSummary> findByUsernameCaredForBy(String username, UUID clinicianId) {
		// on every open-slots request of a patient: one plain read, none of the entity machinery
		return jdbc.sql("""
				select p.id, p.username, p.first_name, p.last_name, p.date_of_birth, p.state, p.time_zone, p.status
				from patients.patient p
				where p.username = :username
				  and exists (select 1 from patients.care_team t where t.patient_id = p.id
				              and (t.therapist_id = :clinician
				                   and not exists (select 1 from patients.departed_clinician d where d.username = t.therapist_username)
				                or t.coach_id = :clinician
				                   and not exists (select 1 from patients.departed_clinician d where d.username = t.coach_username)))""")
				.param("username", username).param("clinician", clinicianId)
				.query((row, number) -> new PatientSummary(new PatientId(row.getObject(1, UUID.class)), row.getString(2),
						row.getString(3), row.getString(4), row.getObject(5, java.time.LocalDate.class), row.getString(6),
						row.getString(7), PatientStatus.valueOf(row.getString(8))))
				.optional();
	}

	/**
	 * The record, if this user may read it: the patient themself, a member of their care team or an
	 * administrator of the clinic. Anyone else learns nothing, not even that the patient exists.
	 * Every attempt is audited.
	 */
	@Override
	public Optional<PatientRecord> open(PatientId id, StrideUser reader) {

		var patient = patients.findById(id.id());
		var careTeam = patient.flatMap(it -> careTeams.of(id));
		var allowed = patient.isPresent() && (reader.has(Role.CLINIC_ADMIN)
				|| reader.has(Role.PATIENT) && patient.get().username().equals(reader.username())
				|| reader.hasAny(Role.THERAPIST, Role.COACH) && careTeam.filter(it -> it.includes(reader.username())).isPresent());

		audit.record(reader, CurrentTenant.get().orElse(null), allowed ? AuditAction.READ : AuditAction.ACCESS_DENIED,
				allowed ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, patient.isPresent() ? id.id() : null, "patient");

		return allowed ? patient.map(it -> it.record(careTeam.orElse(null), intakeCompleted(id), openRedFlags(id)))
				: Optional.empty();
	}

	@Override
	public Optional<PatientDemographics> demographics(PatientId id) {
		return jdbc.sql(DEMOGRAPHICS + " where id = ?").param(id.id()).query(JdbcPatientDirectory::demographics)
				.optional();
	}

	@Override
	public List<PatientDemographics> demographicsPage(int offset, int limit) {
		checkPage(offset, limit);
		return jdbc.sql(DEMOGRAPHICS + " order by id limit ? offset ?").params(limit, offset)
				.query(JdbcPatientDirectory::demographics).list();
	}

	@Override
	public List<PatientDemographics> demographicsPage(Collection<PatientId> among, int offset, int limit) {
		checkPage(offset, limit);
		if (among.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(DEMOGRAPHICS + " where id = any(?) order by id limit ? offset ?")
				.params(among.stream().map(PatientId::id).distinct().toArray(UUID[]::new), limit, offset)
				.query(JdbcPatientDirectory::demographics).list();
	}

	private static final String DEMOGRAPHICS = """
			select id, username, first_name, last_name, date_of_birth, state, time_zone, status, email, phone, language
			from patients.patient""";

	private static PatientDemographics demographics(java.sql.ResultSet row, int number) throws java.sql.SQLException {
		var summary = new PatientSummary(new PatientId(row.getObject("id", UUID.class)), row.getString("username"),
				row.getString("first_name"), row.getString("last_name"), row.getObject("date_of_birth", LocalDate.class),
				row.getString("state"), row.getString("time_zone"), PatientStatus.valueOf(row.getString("status")));
		var language = row.getString("language");
		return new PatientDemographics(summary, row.getString("email"), row.getString("phone"),
				language == null ? null : Language.ofTag(language).orElse(null));
	}

	private static void checkPage(int offset, int limit) {
		if (offset < 0 || limit < 1) {
			throw new IllegalArgumentException("A page starts at 0 or later and holds at least one patient");
		}
	}

	/** The record of the signed-in patient, read by themself (audited like any read). */
	@Override
	public Optional<PatientRecord> mine(StrideUser patient) {
		return patients.findByUsername(patient.username()).flatMap(it -> open(new PatientId(it.id()), patient));
	}

	/** Opens the record of a member who signed up; does nothing if it is open already. */
	@Transactional
	public void openRecordFor(EnrollmentId enrollment) {

		var signup = signups.enrollment(enrollment)
				.orElseThrow(() -> new IllegalStateException("No enrollment " + enrollment));

		if (!patients.existsById(signup.patientId())) {
			patients.save(Patient.enrolled(signup, clock.instant())
					.coverageEndingOn(coverageEnds.of(enrollment).orElse(null)));
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, signup.patientId(), "patient");
			events.publishEvent(new PatientEnrolled(CurrentTenant.require(), new PatientId(signup.patientId()),
					signup.sponsor().id()));
		}
	}

	/** Opens the record of a patient the clinic registers itself, e.g. one referred by a doctor. */
	@Transactional
	@Override
	public PatientId register(NewPatient details) {

		var id = UUID.randomUUID();
		patients.save(Patient.registered(id, details, clock.instant()));
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id, "patient");
		events.publishEvent(new PatientEnrolled(CurrentTenant.require(), new PatientId(id), null));
		return new PatientId(id);
	}

	/**
	 * Moves a patient to another status, with the reason kept in the history.
	 *
	 * @return false if the patient already had that status
	 * @throws IllegalArgumentException if the current clinic has no such patient
	 */
	@Transactional
	@Override
	public boolean changeStatus(PatientId id, PatientStatus status, String reason) {

		var patient = patients.findById(id.id())
				.orElseThrow(() -> new IllegalArgumentException("No patient " + id + " in this clinic"));
		if (status == PatientStatus.DISCHARGED || patient.status() == PatientStatus.DISCHARGED) {
			// an episode of care ends and begins only through Episodes, which keeps the episodes in step
			throw new IllegalStateException("Discharge and reactivation go through Episodes");
		}
		var changed = statuses.change(patient, status, reason);
		if (changed) {
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id.id(), "patient-status");
		}
		return changed;
	}

	@Transactional
	@Override
	public void changePayment(PatientId id, Payment payment) {

		var patient = patients.findById(id.id())
				.orElseThrow(() -> new IllegalArgumentException("No patient " + id + " in this clinic"));
		patient.pay(payment);
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id.id(), "patient-payment");
		if (patient.coverageEndsOn() != null) {
			events.publishEvent(new CoverageEndChanged(CurrentTenant.require(), id)); // the portal's grace may no longer apply
		}
	}

	@Override
	public PortalAccess portalAccess(PatientId id) {
		return patients.findById(id.id()).filter(it -> it.status() != PatientStatus.DISCHARGED)
				.filter(it -> coverageEnd(it).filter(CoverageEnd::portalReadOnly).isEmpty())
				.map(it -> PortalAccess.OPEN).orElse(PortalAccess.READ_ONLY);
	}

	@Override
	public Optional<CoverageEnd> coverageEnd(PatientId id) {
		return patients.findById(id.id()).flatMap(this::coverageEnd);
	}

	private Optional<CoverageEnd> coverageEnd(Patient patient) {
		var endsOn = patient.coverageEndsOn();
		if (endsOn == null) {
			return Optional.empty();
		}
		var clinic = clinics.find(CurrentTenant.require()).orElseThrow();
		return Optional.of(CoverageEnd.of(endsOn, clinic.coverageGracePeriod(), patient.payment().method(), clock,
				clinic.timeZone()));
	}

	/**
	 * Takes the end of the patient's sponsored cover from eligibility as it stands now, whichever
	 * announcement brought the listener here, so late or repeated ones change nothing. How the
	 * patient pays is left alone: a member covered again stays on what the clinic chose.
	 */
	@Transactional
	public void followCoverage(PatientId id, EnrollmentId enrollment) {

		var endsOn = coverageEnds.of(enrollment).orElse(null);
		var changed = jdbc.sql("""
				update patients.patient set coverage_ends_on = ?
				where id = ? and coverage_ends_on is distinct from ?""")
				.params(endsOn, id.id(), endsOn).update();
		if (changed > 0) {
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id.id(), "patient-coverage");
			events.publishEvent(new CoverageEndChanged(CurrentTenant.require(), id));
		}
	}

	/** The patient's status changes, oldest first. */
	@Override
	public long countActive() {
		return jdbc.sql("select count(*) from patients.patient where status = 'ACTIVE'").query(Long.class).single();
	}

	@Override
	public List<StatusChange> statusHistory(PatientId id) {
		return jdbc.sql("""
				select from_status, to_status, reason, reason_code, changed_by, changed_at from patients.status_change
				where patient_id = ? order by changed_at, id""")
				.param(id.id())
				.query((row, number) -> new StatusChange(
						row.getString(1) == null ? null : PatientStatus.valueOf(row.getString(1)),
						PatientStatus.valueOf(row.getString(2)), row.getString(3), row.getString(4), row.getString(5),
						row.getTimestamp(6).toInstant()))
				.list();
	}

	private boolean intakeCompleted(PatientId id) {
		return jdbc.sql("select exists (select 1 from patients.intake where patient_id = ? and completed_at is not null)")
				.param(id.id()).query(Boolean.class).single();
	}

	private int openRedFlags(PatientId id) {
		return jdbc.sql("select count(*) from patients.red_flag_report where patient_id = ? and cleared_at is null")
				.param(id.id()).query(Integer.class).single();
	}
}
