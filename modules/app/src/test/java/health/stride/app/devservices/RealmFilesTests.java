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

	static final Path PRODUCTION = Path.of(System.getProperty("stride.test.keycloak.realm-file"));
	static final Path OVERLAY = Path.of(System.getProperty("stride.test.keycloak.realm-overlay"));
	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void productionRealmHoldsNoPersonNoScriptClientAndNoSecret() throws Exception {

		var realm = read(PRODUCTION);

		assertThat(names(realm.get("users"), "username")).as("only the provisioner's technical account")
				.containsExactly("service-account-stride-provisioner");
		assertThat(realm.has("organizations")).as("clinics are created by the platform, not shipped").isFalse();
		assertThat(names(realm.get("clients"), "clientId")).containsExactlyInAnyOrder("stride-web", "stride-provisioner");
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
		assertThat(names(merged.get("clients"), "clientId")).containsExactlyInAnyOrder("stride-web", "stride-provisioner",
				"stride-cli");
		var web = named(merged.get("clients"), "clientId", "stride-web");
		assertThat(web.get("secret").asString()).contains("STRIDE_WEB_CLIENT_SECRET");
		assertThat(web.get("attributes").get("pkce.code.challenge.method").asString()).as("kept from production")
				.isEqualTo("S256");
		assertThat(merged.get("browserFlow").asString()).isEqualTo("browser");
		assertThat(names(merged.get("organizations"), "alias")).containsExactlyInAnyOrder("northside", "lakeside");
		assertThat(names(merged.get("authenticationFlows"), "alias")).as("production's flows stay").contains("stride browser");
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
