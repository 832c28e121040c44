package health.stride.patients;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.TenantId;

/** Patients, people and intake answers for the patients module's tests. */
public final class PatientFixtures {

	private PatientFixtures() {}

	static NewPatient patient(String username, String state) {
		return new NewPatient(UUID.randomUUID().toString(), username, "Maya", "Okafor", LocalDate.of(1984, 3, 14),
				username + "@example.org", null, state, "America/Los_Angeles");
	}

	static StrideUser user(TenantId clinic, String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	/** Makes the user the signed-in one for the rest of the test (cleared after each test). */
	static StrideUser signIn(StrideUser user) {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null, "ROLE_USER"));
		return user;
	}

	public static Map<String, Boolean> noRedFlags() {
		var answers = new java.util.HashMap<String, Boolean>();
		for (var flag : RedFlag.values()) {
			answers.put(flag.code(), false);
		}
		return answers;
	}

	public static Map<String, Boolean> redFlags(RedFlag... yes) {
		var answers = noRedFlags();
		for (var flag : yes) {
			answers.put(flag.code(), true);
		}
		return answers;
	}

	/** A whole intake: a prone-intolerant, flexion-triggered patient with sciatica. */
	public static IntakeAnswers answers(RedFlag... yes) {
		return new IntakeAnswers(Set.of(PainRegion.LOW_BACK, PainRegion.LEFT_LEG), 6, PainDuration.SUBACUTE,
				Set.of(Aggravator.BENDING_FORWARD, Aggravator.LYING_PRONE), Set.of(Diagnosis.SCIATICA),
				"Pick up my daughter and sit through a workday",
				List.of(new PsfsItem("Picking up my daughter", 3), new PsfsItem("Sitting at work", 4)), Set.of(yes));
	}
}
