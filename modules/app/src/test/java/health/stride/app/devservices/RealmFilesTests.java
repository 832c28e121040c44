package health.stride.app.devservices;

import static org.assertj.core.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production realm file is fit for production on its own (no users, no script client, no
 * known secret, MFA for staff, a strict password policy, brute-force detection, events, TLS only),
 * and the development overlay only adds what the local run and the tests need.
 */
class RealmFilesTests {

	/** The clients Keycloak makes in every realm, listed in the file as Keycloak 26.4.7 makes them. */
	static final List<String> KEYCLOAKS_CLIENTS = List.of("account", "account-console", "admin-cli", "broker",
			"realm-management", "security-admin-console");

	/** The client scopes Keycloak 26.4.7 makes in a realm whose file lists none. */
	static final List<String> KEYCLOAKS_SCOPES = List.of("acr", "address", "basic", "email", "microprofile-jwt",
			"offline_access", "organization", "phone", "profile", "role_list", "roles", "saml_organization",
			"service_account", "web-origins");

	static final List<String> SMART_SCOPES = List.of("patient/*.read", "user/*.read", "system/*.read");

	static final Path PRODUCTION = Path.of(System.getProperty("stride.test.keycloak.realm-file"));
	static final Path OVERLAY = Path.of(System.getProperty("stride.test.keycloak.realm-overlay"));
	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void productionRealmHoldsNoPersonNoScriptClientAndNoSecret() throws Exception {

		var realm = read(PRODUCTION);

		assertThat(names(realm.get("users"), "username")).as("only the provisioner's technical account")
				.containsExactly("service-account-stride-provisioner");
		assertThat(realm.has("organizations")).as("clinics are created by the platform, not shipped").isFalse();
		assertThat(strides(names(realm.get("clients"), "clientId"))).containsExactlyInAnyOrder("stride-web", "stride-provisioner");
		assertThat(Files.readString(PRODUCTION)).doesNotContain("\"secret\"").doesNotContain("dev-secret")
				.doesNotContain("stride-demo").doesNotContain("stride-cli");
	}

	@Test
	void productionRealmRequiresTlsAStrongPasswordAndWatchesSignIns() throws Exception {

		var realm = read(PRODUCTION);

		assertThat(realm.get("sslRequired").asString()).isEqualTo("all");
		assertThat(realm.get("passwordPolicy").asString()).contains("length(12)", "notUsername", "notEmail",
				"passwordHistory(5)");
		assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
		assertThat(realm.get("eventsEnabled").asBoolean()).as("login events").isTrue();
		assertThat(realm.get("adminEventsEnabled").asBoolean()).isTrue();
	}

	@Test
	void productionRealmRequiresAOneTimeCodeFromStaffOnly() throws Exception {

		var realm = read(PRODUCTION);
		var roles = realm.get("roles").get("realm");
		for (var staff : List.of("therapist", "coach", "clinic-admin", "platform-admin")) {
			assertThat(named(roles, "name", staff).get("composites").get("realm").valueStream().map(JsonNode::asString))
					.as(staff).containsExactly("staff-mfa");
		}
		for (var other : List.of("patient", "sponsor-admin")) {
			assertThat(named(roles, "name", other).has("composites")).as(other).isFalse();
		}

		assertThat(realm.get("browserFlow").asString()).isEqualTo("stride browser");
		var flows = realm.get("authenticationFlows");
		var forms = named(flows, "alias", "stride forms").get("authenticationExecutions");
		assertThat(named(forms, "flowAlias", "stride staff otp").get("requirement").asString()).isEqualTo("CONDITIONAL");
		var staffOtp = named(flows, "alias", "stride staff otp").get("authenticationExecutions");
		assertThat(named(staffOtp, "authenticator", "conditional-user-role").get("authenticatorConfig").asString())
				.isEqualTo("stride staff");
		assertThat(named(staffOtp, "authenticator", "auth-otp-form").get("requirement").asString()).isEqualTo("REQUIRED");
		var config = named(realm.get("authenticatorConfig"), "alias", "stride staff").get("config");
		assertThat(config.get("condUserRole").asString()).isEqualTo("staff-mfa");
		assertThat(config.get("negate").asString()).isEqualTo("false");
	}

	@Test
	void productionRealmOffersNoOfflineAccessAndTokensNameStridesApi() throws Exception {

		var realm = read(PRODUCTION);

		var web = named(realm.get("clients"), "clientId", "stride-web");
		assertThat(web.get("fullScopeAllowed").asBoolean()).as("tokens carry Stride's roles only").isFalse();
		assertThat(names(named(realm.get("scopeMappings"), "client", "stride-web").get("roles"), null))
				.doesNotContain("offline_access");
		assertThat(names(web.get("optionalClientScopes"), null)).doesNotContain("offline_access");
		assertThat(names(web.get("defaultClientScopes"), null)).doesNotContain("offline_access");
		var audience = named(web.get("protocolMappers"), "protocolMapper", "oidc-audience-mapper").get("config");
		assertThat(audience.get("included.custom.audience").asString()).isEqualTo("stride-api");
		assertThat(web.get("attributes").get("backchannel.logout.url").asString())
				.endsWith("/logout/connect/back-channel/keycloak");
	}

	@Test
	void overlayAddsDemoPeopleTheScriptClientAndOptionalMfa() throws Exception {

		var merged = JSON.readTree(RealmFiles.merged(PRODUCTION, OVERLAY));

		assertThat(merged.get("scopeMappings").toString()).contains("stride-web", "stride-cli");
		assertThat(names(merged.get("users"), "username")).contains("pt.alex", "patient.maya", "root.ops",
				"service-account-stride-provisioner");
		assertThat(strides(names(merged.get("clients"), "clientId"))).containsExactlyInAnyOrder("stride-web",
				"stride-provisioner", "stride-cli");
		var web = named(merged.get("clients"), "clientId", "stride-web");
		assertThat(web.get("secret").asString()).contains("STRIDE_WEB_CLIENT_SECRET");
		assertThat(web.get("attributes").get("pkce.code.challenge.method").asString()).as("kept from production")
				.isEqualTo("S256");
		assertThat(merged.get("browserFlow").asString()).isEqualTo("browser");
		assertThat(names(merged.get("organizations"), "alias")).containsExactlyInAnyOrder("northside", "lakeside");
		assertThat(names(merged.get("authenticationFlows"), "alias")).as("production's flows stay").contains("stride browser");
	}

	/**
	 * A realm file that lists client scopes gets none of Keycloak's and its built-in clients none of their
	 * default scopes: the file lists both as Keycloak makes them, beside the SMART scopes, which Stride's
	 * clients offer as optional scopes shown on no consent screen.
	 */
	@Test
	void realmListsKeycloaksScopesAndClientsBesideTheSmartScopes() throws Exception {

		var realm = read(PRODUCTION);

		var scopes = names(realm.get("clientScopes"), "name");
		assertThat(scopes).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(KEYCLOAKS_SCOPES.stream(),
				SMART_SCOPES.stream()).toList());
		for (var smart : SMART_SCOPES) {
			var attributes = named(realm.get("clientScopes"), "name", smart).get("attributes");
			assertThat(attributes.get("include.in.token.scope").asString()).as(smart).isEqualTo("true");
			assertThat(attributes.get("display.on.consent.screen").asString()).as(smart).isEqualTo("false");
		}
		assertThat(names(realm.get("defaultDefaultClientScopes"), null)).contains("basic", "profile", "email", "roles");

		assertThat(names(realm.get("clients"), "clientId")).containsAll(KEYCLOAKS_CLIENTS);
		for (var builtIn : KEYCLOAKS_CLIENTS) {
			assertThat(names(named(realm.get("clients"), "clientId", builtIn).get("defaultClientScopes"), null)).as(builtIn)
					.contains("basic", "profile", "email", "roles");
		}

		var web = named(realm.get("clients"), "clientId", "stride-web");
		assertThat(names(web.get("optionalClientScopes"), null)).containsAll(SMART_SCOPES);
		assertThat(names(web.get("defaultClientScopes"), null)).doesNotContainAnyElementsOf(SMART_SCOPES);
		var cli = named(JSON.readTree(RealmFiles.merged(PRODUCTION, OVERLAY)).get("clients"), "clientId", "stride-cli");
		assertThat(names(cli.get("optionalClientScopes"), null)).containsAll(SMART_SCOPES);

		var provisioner = named(realm.get("users"), "username", "service-account-stride-provisioner");
		assertThat(names(provisioner.get("clientRoles").get("realm-management"), null))
				.as("creates users, organizations and the clinics' integration clients, nothing more")
				.containsExactlyInAnyOrder("manage-users", "manage-realm", "manage-clients");
	}

	private static List<String> strides(List<String> clients) {
		return clients.stream().filter(it -> !KEYCLOAKS_CLIENTS.contains(it)).toList();
	}

	private static JsonNode read(Path file) throws Exception {
		return JSON.readTree(Files.readString(file));
	}

	private static List<String> names(JsonNode array, String field) {
		var names = new ArrayList<String>();
		array.forEach(it -> names.add(field == null ? it.asString() : it.get(field).asString()));
		return names;
	}

	private static JsonNode named(JsonNode array, String field, String value) {
		return array.valueStream().filter(it -> it.has(field) && value.equals(it.get(field).asString())).findFirst()
				.orElseThrow(() -> new AssertionError("no entry with " + field + " " + value));
	}
}
