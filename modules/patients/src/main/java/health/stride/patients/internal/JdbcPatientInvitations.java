package health.stride.patients.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.ClinicEnrollments;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.eligibility.UsStates;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientEnrolled;
import health.stride.patients.PatientId;
import health.stride.patients.PatientInvitations;
import health.stride.patients.Payment;
import health.stride.patients.PaymentMethod;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;

/**
 * {@link PatientInvitations}: every invitation is checked whole first; then the accounts are made
 * (outside any transaction, since Keycloak is not part of it), then one transaction opens the
 * records, keeps the invitations and has Keycloak email the links last, so a failure anywhere
 * leaves no record and removes the accounts again.
 */
@Service
@Transactional(readOnly = true)
class JdbcPatientInvitations implements PatientInvitations {

	static final int NAME_LENGTH = 100;
	static final int EMAIL_LENGTH = 254;
	static final int PHONE_LENGTH = 30;
	static final int REFERRAL_LENGTH = 200;
	static final int PAYER_LENGTH = 200;
	static final int MEMBER_ID_LENGTH = 100;

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
	private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{7,30}");
	private static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);

	private final Patients patients;
	private final jakarta.persistence.EntityManager entities;
	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final ClinicRegistry clinics;
	private final SponsorManagement sponsors;
	private final ClinicEnrollments enrollments;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final TransactionTemplate transaction;
	private final TransactionTemplate reading;
	private final Clock clock;
	private final Duration linkValidFor;

	JdbcPatientInvitations(Patients patients, jakarta.persistence.EntityManager entities, JdbcClient jdbc, Accounts accounts, ClinicRegistry clinics,
			SponsorManagement sponsors, ClinicEnrollments enrollments, ApplicationEventPublisher events,
			AuditTrail audit, PlatformTransactionManager transactions, Clock clock,
			@Value("${stride.patients.invite-valid-for:PT72H}") Duration linkValidFor) {
		this.patients = patients;
		this.entities = entities;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clinics = clinics;
		this.sponsors = sponsors;
		this.enrollments = enrollments;
		this.events = events;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.clock = clock;
		this.linkValidFor = linkValidFor;
	}

	/** An invitation whose every field was checked, with what it was checked against. */
	private record Checked(String firstName, String lastName, LocalDate dateOfBirth, String email, String state,
			@Nullable String phone, @Nullable String referralSource, Payment payment, @Nullable String memberId) {

		String username() {
			return email.toLowerCase(Locale.ROOT);
		}

		String emailKey() {
			return digest(email.toLowerCase(Locale.ROOT));
		}

		String personKey() {
			return digest(firstName.toLowerCase(Locale.ROOT) + "\n" + lastName.toLowerCase(Locale.ROOT) + "\n"
					+ dateOfBirth);
		}
	}

	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	@Override
	public PatientId invite(Invitation invitation, String invitedBy) {

		var errors = new FieldErrors();
		var checked = check(invitation, "", clinic(), errors);
		errors.throwIfAny();
		var existing = existing(checked);
		if (existing.isPresent()) {
			throw new AlreadyInClinic(existing.get());
		}
		try {
			return create(List.of(checked), invitedBy, "email").get(0);
		} catch (DuplicateKeyException | Accounts.AccountConflict e) {
			// invited at the same moment by someone else, whose record is the one to offer
			throw existing(checked).map(AlreadyInClinic::new).orElseThrow(() -> e instanceof Accounts.AccountConflict
					? new InvalidInput(new FieldErrors().reject("email", "patients.invitation.email.taken"))
					: e);
		}
	}

	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	@Override
	public List<PatientId> inviteAll(List<Invitation> invitations, String invitedBy) {

		var clinic = clinic();
		var errors = new FieldErrors();
		var all = new ArrayList<Checked>();
		var emails = new HashMap<String, Integer>();
		var people = new HashMap<String, Integer>();

		for (int i = 0; i < invitations.size(); i++) {
			var prefix = "lines[" + i + "].";
			var checked = check(invitations.get(i), prefix, clinic, errors);
			if (checked == null) {
				continue;
			}
			var sameEmail = emails.putIfAbsent(checked.emailKey(), i);
			var samePerson = people.putIfAbsent(checked.personKey(), i);
			if (sameEmail != null || samePerson != null) {
				errors.reject(prefix + (sameEmail != null ? "email" : "lastName"), "patients.invitation.line.repeated",
						(sameEmail != null ? sameEmail : samePerson) + 1);
				continue;
			}
			var existing = existing(checked);
			if (existing.isPresent()) {
				errors.reject(prefix + "email", "patients.invitation.line.in-clinic");
				continue;
			}
			all.add(checked);
		}
		errors.throwIfAny();

		try {
			return create(all, invitedBy, null);
		} catch (DuplicateKeyException e) {
			throw new InvalidInput(new FieldErrors().reject(FieldErrors.FORM, "patients.invitation.file.changed"));
		}
	}

	@Override
	public Optional<String> invitedBy(PatientId patient) {
		return jdbc.sql("select invited_by from patients.invitation where patient_id = ?").param(patient.id())
				.query(String.class).optional();
	}

	@Override
	public Optional<PatientId> existing(String email, String firstName, String lastName, LocalDate dateOfBirth) {
		return jdbc.sql("""
				select id from patients.patient
				where lower(email) = lower(?)
				   or (lower(first_name) = lower(?) and lower(last_name) = lower(?) and date_of_birth = ?)
				order by created_at, id limit 1""")
				.params(email.strip(), firstName.strip(), lastName.strip(), java.sql.Date.valueOf(dateOfBirth))
				.query((row, number) -> new PatientId(row.getObject(1, UUID.class))).optional();
	}

	/** Asked outside the invitation's own transaction, in one of its own (the clinic is bound when it begins). */
	private Optional<PatientId> existing(Checked checked) {
		return java.util.Objects.requireNonNull(reading.execute(status -> existing(checked.email(), checked.firstName(),
				checked.lastName(), checked.dateOfBirth())));
	}

	/**
	 * Makes the accounts, then opens every record in one transaction that ends with the emails; on
	 * any failure the accounts made so far are removed. {@code emailField} names the field an
	 * account conflict belongs to (for one invitation), or null to report it by line.
	 */
	private List<PatientId> create(List<Checked> invitations, String invitedBy, @Nullable String emailField) {

		var tenant = CurrentTenant.require();
		var timeZone = clinic().map(it -> it.timeZone().getId()).orElse("America/Los_Angeles");
		var made = new ArrayList<Accounts.AccountId>();
		try {
			for (int i = 0; i < invitations.size(); i++) {
				var invitation = invitations.get(i);
				try {
					made.add(accounts.create(tenant, new Accounts.NewAccount(invitation.username(), invitation.email(), null,
							invitation.firstName(), invitation.lastName()), Role.PATIENT));
				} catch (Accounts.AccountConflict | Accounts.AccountRejected e) {
					if (emailField != null && e instanceof Accounts.AccountConflict conflict) {
						throw conflict;
					}
					var code = e instanceof Accounts.AccountConflict ? "patients.invitation.email.taken"
							: "patients.invitation.email.rejected";
					throw new InvalidInput(new FieldErrors()
							.reject(emailField != null ? emailField : "lines[" + i + "].email", code));
				}
			}
			var ids = transaction.execute(status -> {
				var opened = new ArrayList<PatientId>();
				for (int i = 0; i < invitations.size(); i++) {
					opened.add(open(invitations.get(i), made.get(i), timeZone, invitedBy));
				}
				// last: a link goes out only for a record about to be kept
				made.forEach(account -> accounts.emailPasswordSetup(account, linkValidFor));
				return opened;
			});
			return java.util.Objects.requireNonNull(ids);
		} catch (RuntimeException e) {
			made.forEach(accounts::delete);
			throw e;
		}
	}

	private PatientId open(Checked invitation, Accounts.AccountId account, String timeZone, String invitedBy) {

		var id = UUID.randomUUID();
		var patient = Patient.registered(id, new NewPatient(account.value(), invitation.username(),
				invitation.firstName(), invitation.lastName(), invitation.dateOfBirth(), invitation.email(),
				invitation.phone(), invitation.state(), timeZone), clock.instant());
		patient.pay(invitation.payment());
		patients.save(patient);
		entities.flush(); // the invitation's row refers to it

		jdbc.sql("""
				insert into patients.invitation (patient_id, invited_by, invited_at, referral_source, email_key, person_key)
				values (?, ?, ?, ?, ?, ?)""")
				.params(id, invitedBy, java.sql.Timestamp.from(clock.instant()), invitation.referralSource(),
						invitation.emailKey(), invitation.personKey())
				.update();

		var sponsor = invitation.payment().sponsorId();
		if (sponsor != null && invitation.memberId() != null) {
			// counted by the sponsor like a member who signed up, so its counts and terminations see them
			enrollments.enroll(new health.stride.eligibility.SponsorId(sponsor), invitation.memberId(), id,
					new ClinicEnrollments.EnrolledAccount(account.value(), invitation.username(), invitation.email(),
							invitation.state(), timeZone))
					.orElseThrow(() -> new InvalidInput(
							new FieldErrors().reject("sponsorCode", "patients.invitation.sponsor.enrolled")));
		}

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id, "patient");
		events.publishEvent(new PatientEnrolled(CurrentTenant.require(), new PatientId(id), sponsor));
		return new PatientId(id);
	}

	/** Checks every field, naming each wrong one under the prefix; null if any was wrong. */
	private @Nullable Checked check(Invitation invitation, String prefix, Optional<Clinic> clinic, FieldErrors errors) {

		var before = errors.asMap().size();
		var firstName = text(invitation.firstName(), prefix + "firstName", NAME_LENGTH, true, errors);
		var lastName = text(invitation.lastName(), prefix + "lastName", NAME_LENGTH, true, errors);
		var email = text(invitation.email(), prefix + "email", EMAIL_LENGTH, true, errors);
		if (email != null && !EMAIL.matcher(email).matches()) {
			errors.reject(prefix + "email", "patients.invitation.email.format");
		}

		var dateOfBirth = invitation.dateOfBirth();
		if (dateOfBirth == null) {
			errors.reject(prefix + "dateOfBirth", "patients.invitation.date-of-birth.required");
		} else if (!dateOfBirth.isBefore(LocalDate.now(clock)) || dateOfBirth.isBefore(OLDEST_BIRTH)) {
			errors.reject(prefix + "dateOfBirth", "patients.invitation.date-of-birth.range");
		}

		var state = text(invitation.state(), prefix + "state", 2, true, errors);
		var served = clinic.map(Clinic::states).orElse(List.of());
		if (state != null) {
			state = state.toUpperCase(Locale.ROOT);
			if (!UsStates.isState(state) || !served.isEmpty() && !served.contains(state)) {
				errors.reject(prefix + "state", "patients.invitation.state.not-served", String.join(", ", served));
			}
		}

		var phone = text(invitation.phone(), prefix + "phone", PHONE_LENGTH, false, errors);
		if (phone != null && !PHONE.matcher(phone).matches()) {
			errors.reject(prefix + "phone", "patients.invitation.phone.format");
		}
		var referral = text(invitation.referralSource(), prefix + "referralSource", REFERRAL_LENGTH, false, errors);

		Payment payment = null;
		String memberId = null;
		var method = invitation.payment();
		if (method == null) {
			errors.reject(prefix + "payment", "patients.invitation.payment.required");
		} else if (method == PaymentMethod.SELF_PAY) {
			payment = Payment.selfPay();
		} else if (method == PaymentMethod.INSURANCE) {
			var payer = text(invitation.payerName(), prefix + "payerName", PAYER_LENGTH, false, errors);
			var member = text(invitation.payerMemberId(), prefix + "payerMemberId", MEMBER_ID_LENGTH, false, errors);
			if (payer == null) {
				errors.reject(prefix + "payerName", "patients.invitation.payer-name.required");
			} else {
				payment = Payment.insurance(payer, member);
			}
		} else {
			var sponsor = sponsor(invitation.sponsorCode(), prefix + "sponsorCode", errors);
			if (sponsor != null && firstName != null && lastName != null && dateOfBirth != null) {
				memberId = enrollments.coveringMember(sponsor.id(), firstName, lastName, dateOfBirth).orElse(null);
				if (memberId == null) {
					errors.reject(prefix + "sponsorCode", "patients.invitation.sponsor.not-covered", sponsor.name());
				} else {
					payment = Payment.sponsor(sponsor.id().id());
				}
			}
		}

		if (errors.asMap().size() > before || firstName == null || lastName == null || email == null
				|| dateOfBirth == null || state == null || payment == null) {
			return null;
		}
		return new Checked(firstName, lastName, dateOfBirth, email, state, phone, referral, payment, memberId);
	}

	private @Nullable SponsorSummary sponsor(@Nullable String code, String field, FieldErrors errors) {

		if (code == null || code.isBlank()) {
			errors.reject(field, "patients.invitation.sponsor.required");
			return null;
		}
		try {
			var sponsor = sponsors.find(SponsorCode.of(code)).filter(SponsorSummary::active);
			if (sponsor.isEmpty()) {
				errors.reject(field, "patients.invitation.sponsor.unknown");
			}
			return sponsor.orElse(null);
		} catch (IllegalArgumentException notACode) {
			errors.reject(field, "patients.invitation.sponsor.unknown");
			return null;
		}
	}

	/** The text stripped, or null when empty; rejected when required and missing, or too long. */
	private static @Nullable String text(@Nullable String value, String field, int maxLength, boolean required,
			FieldErrors errors) {

		var stripped = value == null ? "" : value.strip();
		if (stripped.isEmpty()) {
			if (required) {
				errors.reject(field, "patients.invitation.required");
			}
			return null;
		}
		if (stripped.length() > maxLength) {
			errors.reject(field, "patients.invitation.too-long", maxLength);
			return null;
		}
		if (stripped.chars().anyMatch(c -> Character.isISOControl(c))) {
			errors.reject(field, "patients.invitation.control-characters");
			return null;
		}
		return stripped;
	}

	private Optional<Clinic> clinic() {
		return clinics.find(CurrentTenant.require());
	}

	private static String digest(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
