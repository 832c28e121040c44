package health.stride.fhir;

import java.util.Optional;

import health.stride.platform.tenancy.TenantId;

/**
 * A clinic's integration client: the confidential Keycloak client an EHR bridge or a payer uses to read
 * that clinic's records with {@code system/*.read} (client credentials). One per clinic, named after it,
 * so a token's {@code azp} tells which clinic it may read whatever else it claims.
 */
public final class FhirClients {

	private static final String PREFIX = "stride-fhir-";

	private FhirClients() {
	}

	public static String clientIdOf(TenantId clinic) {
		return PREFIX + clinic.value();
	}

	/** The clinic whose integration client this is, if it is one. */
	public static Optional<TenantId> clinicOf(String clientId) {
		if (!clientId.startsWith(PREFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(TenantId.of(clientId.substring(PREFIX.length())));
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}
}
