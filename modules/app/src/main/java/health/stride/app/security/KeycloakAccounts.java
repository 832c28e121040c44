package health.stride.app.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import health.stride.fhir.FhirClients;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * Creates accounts through Keycloak's admin API as the service account {@code stride-provisioner}:
 * the user (with the password they chose, or none when Keycloak's actions email lets them choose
 * it), the role, and membership of the clinic's organization. If a later step fails, the user is
 * removed again. It also keeps each clinic's FHIR integration client ({@link IntegrationClients}).
 */
@Component
class KeycloakAccounts implements Accounts, IntegrationClients {

	private static final Logger LOG = LoggerFactory.getLogger(KeycloakAccounts.class);

	private final KeycloakProperties keycloak;
	private final String publicUrl;
	private final RestClient http = RestClient.create();

	KeycloakAccounts(KeycloakProperties keycloak,
			@org.springframework.beans.factory.annotation.Value("${stride.public-url:http://localhost:8080}") String publicUrl) {
		this.keycloak = keycloak;
		this.publicUrl = publicUrl;
	}

	@Override
	public OrganizationId createOrganization(TenantId clinic, String name) {

		var token = serviceToken();
		// Keycloak 26.4 needs no domain: a clinic's people use whatever email addresses they have
		var organization = Map.of("name", name, "alias", clinic.value(), "enabled", true, "domains", List.of());
		try {
			var created = http.post().uri(keycloak.admin("/organizations")).headers(h -> h.setBearerAuth(token))
					.contentType(MediaType.APPLICATION_JSON).body(organization).retrieve().toBodilessEntity();
			var location = created.getHeaders().getLocation();
			if (location == null) {
				throw new AccountsUnavailable("Keycloak created no organization", null);
			}
			return new OrganizationId(lastSegment(location));
		} catch (HttpClientErrorException.Conflict taken) {
			throw new OrganizationConflict("An organization has the alias " + clinic + " or the name already");
		} catch (HttpClientErrorException e) {
			// Keycloak answers 400 rather than 409 for some duplicates (e.g. the alias)
			if (e.getResponseBodyAsString().toLowerCase().contains("already")) {
				throw new OrganizationConflict("An organization has the alias " + clinic + " or the name already");
			}
			throw new AccountsUnavailable("Keycloak refused the organization: " + e.getStatusCode(), e);
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not create the organization", e);
		}
	}

	@Override
	public void deleteOrganization(OrganizationId organization) {
		try {
			http.delete().uri(keycloak.admin("/organizations/" + organization.value()))
					.headers(h -> h.setBearerAuth(serviceToken())).retrieve().toBodilessEntity();
		} catch (RestClientException e) {
			LOG.error("Could not remove the unfinished Keycloak organization {}", organization.value(), e);
		}
	}

	@Override
	public void emailAccountSetup(AccountId account, Duration linkValidFor) {
		emailActions(account, linkValidFor, List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP", "VERIFY_EMAIL"));
	}

	/**
	 * Keycloak's own actions email: its link lets the person do the actions (choose a password,
	 * verify the address, …) and then ends at Stride's sign-in callback, which starts a fresh sign-in
	 * with the new credentials.
	 */
	private void emailActions(AccountId account, Duration linkValidFor, List<String> actions) {
		try {
			http.put().uri(keycloak.admin("/users/" + account.value()
					+ "/execute-actions-email?lifespan={seconds}&client_id={client}&redirect_uri={redirect}"),
					linkValidFor.toSeconds(), keycloak.clientId(), publicUrl + "/login/oauth2/code/keycloak")
					.headers(h -> h.setBearerAuth(serviceToken())).contentType(MediaType.APPLICATION_JSON)
					.body(actions).retrieve().toBodilessEntity();
		} catch (RestClientException e) {
			LOG.warn("Keycloak could not send an account setup email: {}", e.toString());
			throw new AccountsUnavailable("Keycloak could not send the email", e);
		}
	}

	@Override
	public AccountId create(TenantId clinic, NewAccount account, Role role) {
		return create(clinic, account, role, true);
	}

	@Override
	public AccountId createUnconfirmed(TenantId clinic, NewAccount account, Role role) {
		return create(clinic, account, role, false);
	}

	private AccountId create(TenantId clinic, NewAccount account, Role role, boolean enabled) {

		var token = serviceToken();
		var user = createUser(token, account, enabled);

		try {
			var realmRole = http.get().uri(keycloak.admin("/roles/" + role.realmRole())).headers(h -> h.setBearerAuth(token))
					.retrieve().body(JsonNode.class);
			http.post().uri(keycloak.admin("/users/" + user.value() + "/role-mappings/realm"))
					.headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
					.body(List.of(realmRole)).retrieve().toBodilessEntity();

			var organization = organizationOf(token, clinic);
			http.post().uri(keycloak.admin("/organizations/" + organization + "/members"))
					.headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
					.body("\"" + user.value() + "\"").retrieve().toBodilessEntity();

			return user;

		} catch (RuntimeException e) {
			LOG.warn("Could not finish a new Keycloak account; removing it again: {}", e.toString());
			delete(user);
			throw e instanceof AccountsUnavailable unavailable ? unavailable
					: new AccountsUnavailable("Could not finish the account in Keycloak", e);
		}
	}

	@Override
	public void delete(AccountId account) {
		try {
			http.delete().uri(keycloak.admin("/users/" + account.value())).headers(h -> h.setBearerAuth(serviceToken()))
					.retrieve().toBodilessEntity();
		} catch (RestClientException e) {
			LOG.error("Could not remove the unfinished Keycloak account {}", account.value(), e);
		}
	}

	@Override
	public void confirm(AccountId account) {
		try {
			http.put().uri(keycloak.admin("/users/" + account.value())).headers(h -> h.setBearerAuth(serviceToken()))
					.contentType(MediaType.APPLICATION_JSON).body(Map.of("enabled", true, "emailVerified", true)).retrieve()
					.toBodilessEntity();
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not enable the account", e);
		}
	}

	@Override
	public boolean usernameTaken(String username) {
		try {
			var found = http.get().uri(keycloak.admin("/users?exact=true&briefRepresentation=true&username={username}"), username)
					.headers(h -> h.setBearerAuth(serviceToken())).retrieve().body(JsonNode.class);
			return found != null && !found.isEmpty();
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not look up a username", e);
		}
	}

	@Override
	public void emailPasswordSetup(AccountId account, Duration linkValidFor) {
		emailActions(account, linkValidFor, List.of("UPDATE_PASSWORD", "VERIFY_EMAIL"));
	}

	@Override
	public void disable(AccountId account) {
		try {
			http.put().uri(keycloak.admin("/users/" + account.value())).headers(h -> h.setBearerAuth(serviceToken()))
					.contentType(MediaType.APPLICATION_JSON).body(Map.of("enabled", false)).retrieve().toBodilessEntity();
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not disable the account", e);
		}
	}

	@Override
	public void revoke(TenantId clinic, String username, @Nullable AccountId account) {

		var token = serviceToken();
		var organization = organizationOf(token, clinic);
		var user = account != null ? account.value() : memberNamed(token, organization, username);
		if (user == null) {
			LOG.warn("No Keycloak account of a departing clinician in {}; nothing to revoke", clinic);
			return;
		}

		try {
			http.put().uri(keycloak.admin("/users/" + user)).headers(h -> h.setBearerAuth(token))
					.contentType(MediaType.APPLICATION_JSON).body(Map.of("enabled", false)).retrieve().toBodilessEntity();
			try {
				http.delete().uri(keycloak.admin("/organizations/" + organization + "/members/" + user))
						.headers(h -> h.setBearerAuth(token)).retrieve().toBodilessEntity();
			} catch (HttpClientErrorException.NotFound alreadyGone) {
				// not (or no longer) a member: nothing to take away
			}
			// ends every Keycloak session of the user; Keycloak tells Stride through the back-channel logout
			http.post().uri(keycloak.admin("/users/" + user + "/logout")).headers(h -> h.setBearerAuth(token))
					.retrieve().toBodilessEntity();
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not revoke the account", e);
		}
	}

	/** The id of the clinic's member with exactly this username, if there is one. */
	private @Nullable String memberNamed(String token, String organization, String username) {

		var found = http.get()
				.uri(keycloak.admin("/organizations/" + organization + "/members?search={username}&exact=true&first=0&max=5"),
						username)
				.headers(h -> h.setBearerAuth(token)).retrieve().body(JsonNode.class);
		if (found != null) {
			for (var member : found) {
				if (username.equalsIgnoreCase(member.path("username").asString())) {
					return member.path("id").asString();
				}
			}
		}
		return null;
	}

	private AccountId createUser(String token, NewAccount account, boolean enabled) {

		var user = new java.util.HashMap<String, Object>(Map.of("username", account.username(), "email", account.email(),
				"firstName", account.firstName(), "lastName", account.lastName(), "enabled", enabled, "emailVerified", false));
		if (account.password() != null) {
			user.put("credentials", List.of(Map.of("type", "password", "value", account.password(), "temporary", false)));
		}

		try {
			var created = http.post().uri(keycloak.admin("/users")).headers(h -> h.setBearerAuth(token))
					.contentType(MediaType.APPLICATION_JSON).body(user).retrieve().toBodilessEntity();
			var location = created.getHeaders().getLocation();
			if (location == null) {
				throw new AccountsUnavailable("Keycloak created no user", null);
			}
			return new AccountId(lastSegment(location));

		} catch (HttpClientErrorException e) {
			throw rejection(e);
		} catch (RestClientException e) {
			LOG.warn("Keycloak could not create a user: {}", e.toString());
			throw new AccountsUnavailable("Keycloak could not create the user", e);
		}
	}

	private RuntimeException rejection(HttpClientErrorException e) {

		var body = e.getResponseBodyAsString();

		if (e.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(409))) {
			// the field tells the caller what to do; the message never says which of the two exists
			return new AccountConflict(body.contains("email") ? "email" : "username");
		}
		if (e.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(400)) && body.toLowerCase().contains("password")) {
			return new AccountRejected(AccountRejected.Reason.PASSWORD, "Keycloak refused the password by its policy");
		}
		if (e.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(400))) {
			return new AccountRejected(AccountRejected.Reason.DETAILS, "Keycloak did not accept the details");
		}
		return new AccountsUnavailable("Keycloak refused to create the user: " + e.getStatusCode(), e);
	}

	private String organizationOf(String token, TenantId clinic) {

		// Keycloak searches organizations by name or domain, not by alias: page through and match the alias
		var found = http.get().uri(keycloak.admin("/organizations?first=0&max=10000&briefRepresentation=true"))
				.headers(h -> h.setBearerAuth(token)).retrieve().body(JsonNode.class);

		if (found != null) {
			for (var organization : found) {
				if (clinic.value().equals(organization.path("alias").asString())) {
					return organization.path("id").asString();
				}
			}
		}
		throw new AccountsUnavailable("The clinic " + clinic + " has no organization in Keycloak", null);
	}

	private String serviceToken() {

		var form = new LinkedMultiValueMap<String, String>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", keycloak.provisionerId());
		form.add("client_secret", keycloak.provisionerSecret());

		try {
			var response = http.post().uri(keycloak.endpoint("token")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form).retrieve().body(JsonNode.class);
			if (response == null || response.path("access_token").isMissingNode()) {
				throw new AccountsUnavailable("Keycloak gave the provisioner no token", null);
			}
			return response.path("access_token").asString();
		} catch (RestClientException e) {
			LOG.warn("The provisioner could not get a token from Keycloak: {}", e.toString());
			throw new AccountsUnavailable("Keycloak cannot be reached", e);
		}
	}

	@Override
	public Optional<IntegrationClient> of(TenantId clinic) {
		return clientUuid(serviceToken(), clinic).map(it -> new IntegrationClient(FhirClients.clientIdOf(clinic)));
	}

	@Override
	public Secret create(TenantId clinic) {

		var token = serviceToken();
		var clientId = FhirClients.clientIdOf(clinic);
		String created;
		try {
			var response = http.post().uri(keycloak.admin("/clients")).headers(h -> h.setBearerAuth(token))
					.contentType(MediaType.APPLICATION_JSON).body(integrationClient(clinic)).retrieve().toBodilessEntity();
			var location = response.getHeaders().getLocation();
			if (location == null) {
				throw new AccountsUnavailable("Keycloak created no client", null);
			}
			created = lastSegment(location);
		} catch (HttpClientErrorException.Conflict exists) {
			throw new ClientExists(clinic);
		} catch (RestClientException e) {
			LOG.warn("Keycloak could not create the integration client of {}: {}", clinic, e.toString());
			throw new AccountsUnavailable("Keycloak could not create the integration client", e);
		}

		try {
			return new Secret(clientId, secret(token, created, false));
		} catch (RuntimeException e) {
			// a client whose secret nobody was shown is of no use: remove it, so the administrator can try again
			deleteClient(token, created);
			throw e;
		}
	}

	@Override
	public Secret renewSecret(TenantId clinic) {
		var token = serviceToken();
		var client = clientUuid(token, clinic).orElseThrow(() -> new NoClient(clinic));
		return new Secret(FhirClients.clientIdOf(clinic), secret(token, client, true));
	}

	@Override
	public void delete(TenantId clinic) {
		var token = serviceToken();
		var client = clientUuid(token, clinic).orElseThrow(() -> new NoClient(clinic));
		try {
			http.delete().uri(keycloak.admin("/clients/" + client)).headers(h -> h.setBearerAuth(token)).retrieve()
					.toBodilessEntity();
		} catch (HttpClientErrorException.NotFound gone) {
			throw new NoClient(clinic);
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not delete the integration client", e);
		}
	}

	/**
	 * The client as {@link IntegrationClients} describes it: client credentials only, a service account, the
	 * default scope {@code system/*.read} and nothing else, and in its tokens the clinic as the one organization
	 * (a fixed claim: the service account is no member), Stride's API as audience and the service account's
	 * username, for the audit trail.
	 */
	private Map<String, Object> integrationClient(TenantId clinic) {
		var claims = Map.of("access.token.claim", "true", "id.token.claim", "false", "userinfo.token.claim", "false",
				"introspection.token.claim", "true");
		return Map.ofEntries(Map.entry("clientId", FhirClients.clientIdOf(clinic)),
				Map.entry("name", "Stride FHIR integration " + clinic.value()),
				Map.entry("description", "Reads the clinic's records through Stride's FHIR API (system/*.read, client credentials)"),
				Map.entry("enabled", true), Map.entry("protocol", "openid-connect"), Map.entry("publicClient", false),
				Map.entry("clientAuthenticatorType", "client-secret"), Map.entry("standardFlowEnabled", false),
				Map.entry("implicitFlowEnabled", false), Map.entry("directAccessGrantsEnabled", false),
				Map.entry("serviceAccountsEnabled", true), Map.entry("consentRequired", false),
				Map.entry("frontchannelLogout", false), Map.entry("fullScopeAllowed", false),
				Map.entry("attributes", Map.of("oauth2.device.authorization.grant.enabled", "false",
						"oidc.ciba.grant.enabled", "false", "use.refresh.tokens", "false")),
				Map.entry("defaultClientScopes", List.of("basic", "system/*.read")), Map.entry("optionalClientScopes", List.of()),
				Map.entry("protocolMappers", List.of(
						mapper("organization", "oidc-hardcoded-claim-mapper", claims, Map.of("claim.name", "organization",
								"claim.value", "[\"" + clinic.value() + "\"]", "jsonType.label", "JSON")),
						mapper("audience " + keycloak.apiAudience(), "oidc-audience-mapper", claims,
								Map.of("included.custom.audience", keycloak.apiAudience())),
						mapper("username", "oidc-usermodel-attribute-mapper", claims, Map.of("user.attribute", "username",
								"claim.name", "preferred_username", "jsonType.label", "String")))));
	}

	private static Map<String, Object> mapper(String name, String type, Map<String, String> claims,
			Map<String, String> config) {
		var all = new java.util.HashMap<>(claims);
		all.putAll(config);
		return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", all);
	}

	/** Keycloak's own id of the clinic's integration client, if it has one. */
	private Optional<String> clientUuid(String token, TenantId clinic) {
		var clientId = FhirClients.clientIdOf(clinic);
		try {
			var found = http.get().uri(keycloak.admin("/clients?clientId={clientId}&search=false&first=0&max=5"), clientId)
					.headers(h -> h.setBearerAuth(token)).retrieve().body(JsonNode.class);
			if (found != null) {
				for (var client : found) {
					if (clientId.equals(client.path("clientId").asString())) {
						return Optional.of(client.path("id").asString());
					}
				}
			}
			return Optional.empty();
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not look up the integration client", e);
		}
	}

	/** The client's secret: the current one, or a new one that replaces it. */
	private String secret(String token, String client, boolean renew) {
		try {
			var uri = keycloak.admin("/clients/" + client + "/client-secret");
			var secret = renew
					? http.post().uri(uri).headers(h -> h.setBearerAuth(token)).retrieve().body(JsonNode.class)
					: http.get().uri(uri).headers(h -> h.setBearerAuth(token)).retrieve().body(JsonNode.class);
			if (secret == null || secret.path("value").asString().isBlank()) {
				throw new AccountsUnavailable("Keycloak gave no secret", null);
			}
			return secret.path("value").asString();
		} catch (RestClientException e) {
			throw new AccountsUnavailable("Keycloak could not give the integration client's secret", e);
		}
	}

	private void deleteClient(String token, String client) {
		try {
			http.delete().uri(keycloak.admin("/clients/" + client)).headers(h -> h.setBearerAuth(token)).retrieve()
					.toBodilessEntity();
		} catch (RestClientException e) {
			LOG.error("Could not remove the unfinished integration client {}", client, e);
		}
	}

	private static String lastSegment(URI location) {
		var path = location.getPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}
}
