package health.stride.platform.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of Stride's users, as Keycloak realm roles. Spring Security sees each as the
 * authority {@code ROLE_<NAME>}, so access rules read {@code hasRole('THERAPIST')}.
 */
public enum Role {

	PATIENT("patient"),
	THERAPIST("therapist"),
	COACH("coach"),
	CLINIC_ADMIN("clinic-admin"),
	SPONSOR_ADMIN("sponsor-admin"),
	PLATFORM_ADMIN("platform-admin");

	private final String realmRole;

	Role(String realmRole) {
		this.realmRole = realmRole;
	}

	/** The name of the Keycloak realm role, also used in the JSON API. */
	public String realmRole() {
		return realmRole;
	}

	public String authority() {
		return "ROLE_" + name();
	}

	public static Optional<Role> ofRealmRole(String name) {
		return Arrays.stream(values()).filter(it -> it.realmRole.equals(name)).findFirst();
	}
}
