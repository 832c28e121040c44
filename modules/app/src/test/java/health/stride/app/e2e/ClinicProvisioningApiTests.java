package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.stride.platform.identity.Accounts;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.ProgramTemplates;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/clinics} and the suspension routes against the real Keycloak: a clinic is its
 * organization, its registry row with {@code ClinicRegistered}, and its first administrator, in
 * that order, and a failure at any step leaves none of them. Aliases and emails are new on every
 * run, as Keycloak's data may outlive one.
 */
class ClinicProvisioningApiTests extends EndToEndTestSupport {

	static final Pattern ACTION_LINK = ClinicianInviteEndToEndTests.ACTION_LINK;

	@Autowired ClinicRegistry registry;
	@Autowired ProgramTemplates templates;
	@Autowired Accounts accounts;
	@Autowired JdbcClient jdbc;
	@Autowired JsonMapper json;

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void createsTheOrganizationTheClinicAndItsAdministratorWhoIsEmailedASetupLink() throws Exception {

		var alias = unique("api-");
		var email = unique("ada.") + "@new-clinic.example";
		var root = ClinicsApi.token("root.ops", PASSWORD);

		var created = ClinicsApi.post("/api/clinics", root,
				ClinicsApi.clinicBody("Riverside Physio " + alias, alias, "America/Chicago", "\"TX\", \"ok\", \"TX\"", email));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(json.readTree(created.body()).get("alias").asString()).isEqualTo(alias);
		assertThat(registry.find(TenantId.of(alias))).hasValueSatisfying(clinic -> {
			assertThat(clinic.name()).isEqualTo("Riverside Physio " + alias);
			assertThat(clinic.timeZone()).isEqualTo(ZoneId.of("America/Chicago"));
			assertThat(clinic.states()).containsExactly("OK", "TX");
			assertThat(clinic.isSuspended()).isFalse();
		});
		assertThat(ClinicsApi.organizationAliases()).contains(alias);
		assertThat(KeycloakAdmin.userState(email)).satisfies(user -> {
			assertThat(user.realmRoles()).contains("clinic-admin");
			assertThat(user.organizations()).containsExactly(alias);
		});
		assertThat(KeycloakAdmin.passwordsOf(email)).as("nobody but the administrator sets a password").isZero();
		TestMail.awaitMatch(email, ACTION_LINK);
		// the actions travel in the link, not on the account: the email names them
		assertThat(TestMail.text(TestMail.to(email).getFirst())).contains("Update Password").contains("OTP");
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				CurrentTenant.callAs(TenantId.of(alias), () -> templates.all())).as("seeded from ClinicRegistered").isNotEmpty());

		var again = ClinicsApi.post("/api/clinics", root,
				ClinicsApi.clinicBody("Another Name", alias, "America/Chicago", "\"TX\"", unique("bo.") + "@new-clinic.example"));
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(it -> assertThat(it).contains("problem+json"));
		assertThat(json.readTree(again.body()).get("errors").get(0).get("field").asString()).isEqualTo("alias");
		assertThat(json.readTree(again.body()).get("detail").asString()).contains("exists already");
	}

	@Test
	void answersConflictForAnAliasTakenInKeycloakOnlyAndLeavesThatOrganizationAlone() throws Exception {

		var alias = unique("kc-only-");
		var organization = accounts.createOrganization(TenantId.of(alias), "Keycloak Only " + alias);
		try {
			var answer = ClinicsApi.post("/api/clinics", ClinicsApi.token("root.ops", PASSWORD),
					ClinicsApi.clinicBody("Stride Clinic " + alias, alias, "America/Denver", "\"CO\"",
							unique("cy.") + "@new-clinic.example"));

			assertThat(answer.statusCode()).isEqualTo(409);
			assertThat(registry.isRegistered(TenantId.of(alias))).isFalse();
			assertThat(ClinicsApi.organizationAliases()).contains(alias);
		} finally {
			accounts.deleteOrganization(organization);
		}
	}

	@Test
	void undoesTheRegistryRowTheEventAndTheOrganizationWhenTheAdministratorsAccountCannotBeCreated() throws Exception {

		var someone = unique("pt.taken");
		KeycloakAdmin.createUser(someone, "long-enough-password-1", "therapist");
		var alias = unique("undo-");

		var answer = ClinicsApi.post("/api/clinics", ClinicsApi.token("root.ops", PASSWORD),
				ClinicsApi.clinicBody("Undone Physio " + alias, alias, "America/New_York", "\"NY\"",
						someone + "@nowhere.example"));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
		assertThat(json.readTree(answer.body()).get("errors").get(0).get("field").asString()).isEqualTo("admin.email");
		assertThat(registry.isRegistered(TenantId.of(alias))).as("no registry row").isFalse();
		assertThat(jdbc.sql("select count(*) from event_publication where serialized_event like ?").param("%" + alias + "%")
				.query(Long.class).single()).as("no ClinicRegistered").isZero();
		assertThat(ClinicsApi.organizationAliases()).as("no organization").doesNotContain(alias);
		assertThat(KeycloakAdmin.usersNamed(someone + "@nowhere.example")).as("no account named by the email").isZero();
	}

	@Test
	void refusesBadFieldsWithProblemDetailsAndCreatesNothing() throws Exception {

		var root = ClinicsApi.token("root.ops", PASSWORD);
		var alias = unique("bad-");
		var email = unique("di.") + "@new-clinic.example";
		var bodies = new String[] {
				ClinicsApi.clinicBody("Nul\\u0000Physio", alias, "America/Chicago", "\"TX\"", email),
				ClinicsApi.clinicBody("x".repeat(100_000), alias, "America/Chicago", "\"TX\"", email),
				ClinicsApi.clinicBody("Fine Physio", alias, "Mars/Olympus", "\"TX\"", email),
				ClinicsApi.clinicBody("Fine Physio", alias, "America/Chicago", "\"ZZ\"", email),
				ClinicsApi.clinicBody("Fine Physio", alias, "America/Chicago", "", email),
				ClinicsApi.clinicBody("Fine Physio", "Bad_Alias-", "America/Chicago", "\"TX\"", email),
				ClinicsApi.clinicBody("Fine Physio", alias, "America/Chicago", "\"TX\"", "not-an-email"),
				"""
				{"name": 5, "alias": "%s", "timeZone": "America/Chicago", "states": "TX", "admin": {"email": "%s"}}"""
						.formatted(alias, email),
				"""
				{"name": "Fine Physio", "alias": "%s", "timeZone": "America/Chicago", "states": ["TX"]}""".formatted(alias),
				"[]", "not json" };

		for (var body : bodies) {
			var answer = ClinicsApi.post("/api/clinics", root, body);
			assertThat(answer.statusCode()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(it -> assertThat(it).contains("problem+json"));
		}
		assertThat(registry.isRegistered(TenantId.of(alias))).isFalse();
		assertThat(ClinicsApi.organizationAliases()).doesNotContain(alias);
		assertThat(KeycloakAdmin.usersNamed(email)).isZero();
	}

	@Test
	void letsOnlyThePlatformAdministratorCreateOrSuspendClinics() throws Exception {

		var alias = unique("nope-");
		for (var username : new String[] { "admin.nora", "pt.alex", "patient.maya", "sponsor.acme" }) {
			var token = ClinicsApi.token(username, PASSWORD);
			assertThat(ClinicsApi.post("/api/clinics", token, ClinicsApi.clinicBody("Nope " + alias, alias,
					"America/Chicago", "\"TX\"", unique("ed.") + "@new-clinic.example")).statusCode()).isEqualTo(403);
			assertThat(ClinicsApi.post("/api/clinics/northside/suspension", token, "").statusCode()).isEqualTo(403);
		}
		assertThat(registry.isRegistered(TenantId.of(alias))).isFalse();
		assertThat(registry.find(TenantId.of("northside")).orElseThrow().isSuspended()).isFalse();
	}

	@Test
	void suspendsAClinicWhoseMembersGetProblemsUntilItIsReactivated() throws Exception {

		var root = ClinicsApi.token("root.ops", PASSWORD);
		var alias = unique("pause-");
		assertThat(ClinicsApi.post("/api/clinics", root, ClinicsApi.clinicBody("Pausing Physio " + alias, alias,
				"America/Chicago", "\"TX\"", unique("fay.") + "@new-clinic.example")).statusCode()).isEqualTo(201);
		var member = unique("pt.pause");
		KeycloakAdmin.createMember(member, "long-enough-password-1", "therapist", alias);
		var token = ClinicsApi.token(member, "long-enough-password-1");
		assertThat(ClinicsApi.get("/api/me", token).statusCode()).isEqualTo(200);

		assertThat(ClinicsApi.post("/api/clinics/" + alias + "/suspension", root, "").statusCode()).isEqualTo(204);
		var refused = ClinicsApi.get("/api/me", token);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json.readTree(refused.body()).get("detail").asString()).contains("access to Stride is paused");
		assertThat(registry.isRegistered(TenantId.of(alias))).as("nothing deleted").isTrue();
		assertThat(ClinicsApi.post("/api/clinics/" + alias + "/suspension", root, "").statusCode())
				.as("suspending twice changes nothing").isEqualTo(204);

		assertThat(ClinicsApi.post("/api/clinics/" + alias + "/reactivation", root, "").statusCode()).isEqualTo(204);
		assertThat(ClinicsApi.get("/api/me", token).statusCode()).as("at once").isEqualTo(200);

		assertThat(ClinicsApi.post("/api/clinics/no-such-clinic/suspension", root, "").statusCode()).isEqualTo(404);
		assertThat(ClinicsApi.post("/api/clinics/NOT_AN_ALIAS/reactivation", root, "").statusCode()).isEqualTo(404);
	}
}
