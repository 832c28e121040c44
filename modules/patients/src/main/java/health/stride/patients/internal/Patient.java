package health.stride.patients.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;

import health.stride.eligibility.Enrollment;
import health.stride.patients.CareTeam;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientRecord;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.patients.Payment;
import health.stride.patients.PaymentMethod;
import health.stride.patients.PatientSummary;

/** A person receiving care from one clinic. */
@Entity
@Table(schema = "patients", name = "patient")
public class Patient {

	private @TenantId @Column(name = "tenant_id") String tenant;
	private @Id UUID id;
	@Column(name = "account_id")
	private String accountId;
	private String username;
	@Column(name = "first_name")
	private String firstName;
	@Column(name = "last_name")
	private String lastName;
	@Column(name = "date_of_birth")
	private LocalDate dateOfBirth;
	private String email;
	private String state;
	@Column(name = "time_zone")
	private String timeZone;
	@Column(name = "enrollment_id")
	private @Nullable UUID enrollmentId;
	private @Nullable String phone;
	@Column(name = "sponsor_id")
	private @Nullable UUID sponsorId;
	private @Enumerated(EnumType.STRING) PaymentMethod payment = PaymentMethod.SELF_PAY;
	@Column(name = "payer_name")
	private @Nullable String payerName;
	@Column(name = "payer_member_id")
	private @Nullable String payerMemberId;
	private @Enumerated(EnumType.STRING) PatientStatus status;
	@Column(name = "status_changed_at")
	private Instant statusChangedAt;
	@Column(name = "created_at")
	private Instant createdAt;
	/**
	 * The language chosen at signup, or null for a patient who has not chosen (one the clinic
	 * registered); changed afterwards only by {@code PatientDirectory.changeLanguage}.
	 */
	@Column(updatable = false)
	private @Nullable String language;
	private @Version @Nullable Long version;
	/** Written on insert only; afterwards by {@code JdbcPatientDirectory.followCoverage} alone, in SQL. */
	@Column(name = "coverage_ends_on", updatable = false)
	private @Nullable LocalDate coverageEndsOn;

	/** Opens the record of a member who signed up, under the id the signup chose. */
	public static Patient enrolled(Enrollment enrollment, Instant now) {

		var patient = new Patient();
		patient.id = enrollment.patientId();
		patient.accountId = enrollment.accountId();
		patient.username = enrollment.username();
		patient.firstName = enrollment.firstName();
		patient.lastName = enrollment.lastName();
		patient.dateOfBirth = enrollment.dateOfBirth();
		patient.email = enrollment.email();
		patient.state = enrollment.state();
		patient.timeZone = enrollment.timeZone();
		patient.language = enrollment.language().tag();
		patient.enrollmentId = enrollment.id().id();
		patient.sponsorId = enrollment.sponsor().id();
		patient.payment = PaymentMethod.SPONSOR;
		patient.status = PatientStatus.ONBOARDING;
		patient.createdAt = now;
		patient.statusChangedAt = now;

		return patient;
	}

	/** The last day the sponsor covers a patient whose record is about to open. */
	public Patient coverageEndingOn(@Nullable LocalDate lastDay) {
		coverageEndsOn = lastDay;
		return this;
	}

	public @Nullable LocalDate coverageEndsOn() {
		return coverageEndsOn;
	}

	/** Opens the record of a patient the clinic registered itself (no sponsor signup). */
	public static Patient registered(UUID id, NewPatient details, Instant now) {

		var patient = new Patient();
		patient.id = id;
		patient.accountId = details.accountId();
		patient.username = details.username();
		patient.firstName = details.firstName();
		patient.lastName = details.lastName();
		patient.dateOfBirth = details.dateOfBirth();
		patient.email = details.email();
		patient.phone = details.phone();
		patient.state = details.state();
		patient.timeZone = details.timeZone();
		patient.status = PatientStatus.ONBOARDING;
		patient.createdAt = now;
		patient.statusChangedAt = now;

		return patient;
	}

	/** Moves the record to a new status; false if it already had it. */
	public boolean changeStatus(PatientStatus next, Instant now) {

		if (status == next) {
			return false;
		}
		status = next;
		statusChangedAt = now;
		return true;
	}

	public UUID id() {
		return id;
	}

	public String username() {
		return username;
	}

	public String state() {
		return state;
	}

	public PatientStatus status() {
		return status;
	}

	public @Nullable UUID sponsorId() {
		return sponsorId;
	}

	public Payment payment() {
		return new Payment(payment, payerName, payerMemberId, sponsorId);
	}

	/** Changes how care is paid; the sponsor stays on record when the new method names none. */
	public void pay(Payment next) {
		payment = next.method();
		payerName = next.payerName();
		payerMemberId = next.payerMemberId();
		if (next.sponsorId() != null) {
			sponsorId = next.sponsorId();
		}
	}

	public PatientRecord record(@Nullable CareTeam careTeam, boolean intakeCompleted, int openRedFlags) {
		return new PatientRecord(new PatientId(id), username, firstName, lastName, dateOfBirth, email, phone, state,
				timeZone, status, statusChangedAt, sponsorId, careTeam, intakeCompleted, openRedFlags, payment());
	}

	@SuppressWarnings("NullAway.Init")
	protected Patient() {}

	public PatientSummary summary() {
		return new PatientSummary(new PatientId(id), username, firstName, lastName, dateOfBirth, state, timeZone, status);
	}
}
