package health.stride.fhir.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import health.stride.patients.CareTeam;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.TenantId;

/**
 * Who reads through the FHIR API, in which SMART context, in which clinic.
 *
 * <ul>
 * <li>{@link Context#PATIENT} ({@code patient/*.read}): a patient, reading their own record only;
 * {@link #patient} is theirs.</li>
 * <li>{@link Context#USER} ({@code user/*.read}): a clinician, reading what their pages show them: their
 * care teams' patients (a clinic administrator: the clinic's patients, their administrative record but not
 * their care).</li>
 * <li>{@link Context#SYSTEM} ({@code system/*.read}): the clinic's integration client, reading the whole
 * clinic; or, with {@link #patient} set, an export of that one patient on request ({@link #exportOnRequest}).</li>
 * </ul>
 */
public record Requester(StrideUser user, TenantId clinic, Context context, @Nullable PatientId patient) {

	public enum Context {

		PATIENT("patient/*.read"), USER("user/*.read"), SYSTEM("system/*.read");

		private final String scope;

		Context(String scope) {
			this.scope = scope;
		}

		/** The SMART scope that grants this context. */
		public String scope() {
			return scope;
		}
	}

	public static Requester patient(StrideUser user, TenantId clinic, PatientId self) {
		return new Requester(user, clinic, Context.PATIENT, self);
	}

	public static Requester user(StrideUser user, TenantId clinic) {
		return new Requester(user, clinic, Context.USER, null);
	}

	public static Requester system(StrideUser client, TenantId clinic) {
		return new Requester(client, clinic, Context.SYSTEM, null);
	}

	/**
	 * A clinic administrator exporting one patient's record on request, the reason given: reads that patient's
	 * record and care whole, as the clinic's integration would, and nobody else's.
	 */
	static Requester exportOnRequest(StrideUser administrator, TenantId clinic, PatientId patient) {
		return new Requester(administrator, clinic, Context.SYSTEM, patient);
	}

	public boolean isPatient() {
		return context == Context.PATIENT;
	}

	public boolean isSystem() {
		return context == Context.SYSTEM;
	}

	/** A clinic administrator reading under {@code user/*.read}. */
	public boolean isClinicAdministrator() {
		return context == Context.USER && user.has(Role.CLINIC_ADMIN);
	}

	/**
	 * May read this patient's administrative record (who they are, cover, consents, care team): the patient
	 * themself, their care team, the clinic's administrators and the clinic's integration.
	 */
	public boolean mayReadRecordOf(PatientId subject, @Nullable CareTeam team) {
		return switch (context) {
			case PATIENT -> subject.equals(patient);
			case USER -> CareTeam.mayOpenChart(team, user);
			case SYSTEM -> patient == null || subject.equals(patient);
		};
	}

	/**
	 * May read this patient's care (plans, sessions, outcomes, messages, visits): the patient themself, their
	 * care team and the clinic's integration; an administrator reads it only through an export on request.
	 */
	public boolean mayReadCareOf(PatientId subject, @Nullable CareTeam team) {
		return switch (context) {
			case PATIENT -> subject.equals(patient);
			case USER -> team != null && team.mayReadCare(user);
			case SYSTEM -> patient == null || subject.equals(patient);
		};
	}

	/** The scopes a token must carry for each context, as {@code scopes_supported} lists them. */
	public static Set<String> scopes() {
		return Set.of(Context.PATIENT.scope(), Context.USER.scope(), Context.SYSTEM.scope());
	}

	@Override
	public String toString() {
		return "Requester[" + context + " " + clinic + "]";
	}
}
