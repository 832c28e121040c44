package health.stride.app.security;

import java.util.Optional;

import health.stride.fhir.FhirClients;
import health.stride.platform.identity.Accounts.AccountsUnavailable;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinic's integration client in Keycloak ({@link FhirClients}): a confidential client that gets tokens with
 * client credentials only, scope {@code system/*.read}, audience Stride's API and the clinic as its
 * organization, so it reads that clinic's records through FHIR and nothing else. Its secret is handed out
 * when it is made and each time it is renewed, and never kept by Stride.
 */
public interface IntegrationClients {

	/**
	 * The clinic's client, if it has one.
	 *
	 * @throws AccountsUnavailable if Keycloak cannot be reached or fails
	 */
	Optional<IntegrationClient> of(TenantId clinic);

	/**
	 * Creates the clinic's client.
	 *
	 * @return its secret, for the administrator to copy now
	 * @throws ClientExists if the clinic has a client already
	 * @throws AccountsUnavailable if Keycloak cannot be reached or refuses
	 */
	Secret create(TenantId clinic);

	/**
	 * Replaces the client's secret with a new one; the old one stops working at once.
	 *
	 * @throws NoClient if the clinic has no client
	 * @throws AccountsUnavailable if Keycloak cannot be reached or fails
	 */
	Secret renewSecret(TenantId clinic);

	/**
	 * Deletes the clinic's client; tokens it already holds work until they expire.
	 *
	 * @throws NoClient if the clinic has no client
	 * @throws AccountsUnavailable if Keycloak cannot be reached or fails
	 */
	void delete(TenantId clinic);

	record IntegrationClient(String clientId) {
	}

	/** A client's secret, to be shown once. */
	record Secret(String clientId, String value) {

		@Override
		public String toString() {
			return "Secret[clientId=" + clientId + "]"; // never the value
		}
	}

	/** The clinic has an integration client already. */
	class ClientExists extends RuntimeException {

		public ClientExists(TenantId clinic) {
			super("The clinic " + clinic + " has an integration client already");
		}
	}

	/** The clinic has no integration client. */
	class NoClient extends RuntimeException {

		public NoClient(TenantId clinic) {
			super("The clinic " + clinic + " has no integration client");
		}
	}
}
