package health.stride.patients;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A patient the clinic registers itself, with the Keycloak account they sign in with. */
public record NewPatient(String accountId, String username, String firstName, String lastName,
		LocalDate dateOfBirth, String email, @Nullable String phone, String state, String timeZone) {

	@Override
	public String toString() {
		return "NewPatient[username=" + username + "]"; // no personal details in logs
	}
}
