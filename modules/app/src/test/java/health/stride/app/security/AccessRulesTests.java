package health.stride.app.security;

import static org.assertj.core.api.Assertions.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Deny by default: every controller method states who may call it, every route (JSON API, FHIR and
 * pages) is in the access matrix, which is checked by calling each route as each role and without
 * signing in, only the allow-listed routes are open to everyone, and a path no rule covers is
 * refused. FHIR routes are called with a token carrying the SMART scopes that fit each role (what a
 * clinic's integration client may do is for the FHIR tests: it has no role).
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccessRulesTests {

	/** {@code public} routes are open to everyone, with or without a token. */
	record Rule(HttpMethod method, String route, Set<Role> roles, boolean open) {}

	@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;

	@BeforeEach
	void northsideIsAClinic() {
		if (!clinics.isRegistered(TenantId.of("northside"))) {
			clinics.register(TenantId.of("northside"), "Northside Physio");
		}
		// the patient role's FHIR token reads as a patient of record (patient/*.read)
		CurrentTenant.runAs(TenantId.of("northside"), () -> {
			if (patients.findByUsername(PATIENT).isEmpty()) {
				patients.register(new NewPatient(UUID.randomUUID().toString(), PATIENT, "Test", "Patient",
						LocalDate.of(1980, 1, 1), "user.patient@example.org", null, "WA", "America/Los_Angeles"));
			}
		});
	}

	/** The username of each role's caller. */
	static final String PATIENT = "user." + Role.PATIENT.realmRole();

	/** Routes called with bearer tokens rather than a browser session. */
	static boolean bearer(String route) {
		return route.startsWith("/api/") || route.startsWith("/fhir/") || route.startsWith("/.well-known/");
	}

	@Test
	void givesEveryControllerMethodAnExplicitAccessRule() {

		var withoutRule = mappings.getHandlerMethods().entrySet().stream()
				.filter(it -> it.getValue().getBeanType().getPackageName().startsWith("health.stride"))
				.filter(it -> !hasAccessRule(it.getValue()))
				.map(it -> it.getValue().getShortLogMessage())
				.toList();

		assertThat(withoutRule).as("controller methods without @PreAuthorize").isEmpty();
	}

	@Test
	void listsEveryApiRouteAndEveryPageInTheAccessMatrix() throws IOException {

		var listed = matrix().stream().map(it -> it.method() + " " + it.route())
				.collect(Collectors.toCollection(TreeSet::new));

		var routes = mappings.getHandlerMethods().entrySet().stream()
				.filter(it -> it.getValue().getBeanType().getPackageName().startsWith("health.stride"))
				.flatMap(it -> routes(it.getKey()))
				.collect(Collectors.toCollection(TreeSet::new));

		assertThat(routes).as("API routes").anyMatch(it -> it.contains(" /api/"));
		assertThat(routes).as("pages").anyMatch(it -> !it.contains(" /api/"));
		assertThat(listed).as("the access matrix lists every route of every controller and nothing else")
				.isEqualTo(routes);
	}

	@Test
	void opensToEveryoneOnlyTheRoutesOnTheAllowList() throws IOException {

		var allowList = matrix().stream().filter(Rule::open).map(it -> it.method() + " " + it.route())
				.collect(Collectors.toCollection(TreeSet::new));

		var permitAll = mappings.getHandlerMethods().entrySet().stream()
				.filter(it -> it.getValue().getBeanType().getPackageName().startsWith("health.stride"))
				.filter(it -> accessRule(it.getValue()).replace(" ", "").equals("permitAll()"))
				.flatMap(it -> routes(it.getKey()))
				.collect(Collectors.toCollection(TreeSet::new));

		assertThat(permitAll).as("handlers open to everyone (permitAll) are exactly those marked public")
				.isEqualTo(allowList);
	}

	@Test
	void letsOnlyTheListedRolesOpenEachPage() throws Exception {

		var softly = new org.assertj.core.api.SoftAssertions(); // every route and role that is wrong, not just the first

		for (var rule : matrix()) {

			if (bearer(rule.route())) {
				continue;
			}
			// values of the right type, so a handler's arguments bind and its access rule is what answers
			var path = rule.route().replace("{step}", "1").replace("{state}", "WA").replace("{clinic}", "northside")
					.replaceAll("\\{[^}]+}", UUID.randomUUID().toString())
					+ (rule.route().endsWith("/since") ? "?after=0" : "");

			var anonymous = page(rule.method(), path, null);
			if (rule.open()) {
				softly.assertThat(anonymous.status()).as("%s %s without signing in", rule.method(), rule.route())
						.isNotIn(401, 403);
				softly.assertThat(anonymous.sentToSignIn()).as("%s %s without signing in", rule.method(), rule.route())
						.isFalse();
			} else {
				softly.assertThat(anonymous.sentToSignIn()).as("%s %s without signing in goes to sign-in", rule.method(),
						rule.route()).isTrue();
			}

			for (var role : Role.values()) {

				var organizations = role == Role.PLATFORM_ADMIN ? List.<String> of() : List.of("northside");
				var answer = page(rule.method(), path,
						Tokens.browser("user." + role.realmRole(), organizations, role.realmRole()));

				if (rule.open() || rule.roles().contains(role)) {
					softly.assertThat(answer.status()).as("%s %s as %s", rule.method(), rule.route(), role).isNotIn(401, 403);
					softly.assertThat(answer.sentToSignIn()).as("%s %s as %s", rule.method(), rule.route(), role).isFalse();
				} else {
					softly.assertThat(answer.status()).as("%s %s as %s", rule.method(), rule.route(), role).isIn(403, 404);
				}
			}
		}
		softly.assertAll();
	}

	@Test
	void refusesASignedInUserAPathNoRuleCovers() throws Exception {

		for (var path : List.of("/no-such-page", "/internal/anything", "/portalx", "/WEB-INF/web.xml",
				"/caseload.json")) {
			for (var method : List.of(HttpMethod.GET, HttpMethod.POST)) {
				var answer = page(method, path, Tokens.browser("pt.alex", List.of("northside"), "therapist"));
				assertThat(answer.status()).as("%s %s", method, path).isEqualTo(403);
				assertThat(answer.body()).as("%s %s serves nothing", method, path).isEmpty();
			}
		}
		assertThat(page(HttpMethod.GET, "/no-such-page", null).sentToSignIn()).isTrue();
	}

	/** What a page request came back with; a handler that failed on the made-up ids got past security. */
	record Answer(int status, @Nullable String location, String body) {

		boolean sentToSignIn() {
			return status == 302 && location != null && location.contains("/oauth2/authorization/");
		}
	}

	private Answer page(HttpMethod method, String path, @Nullable RequestPostProcessor user) {
		var request = request(method, path).with(csrf()).with(this::fromOwnAddress);
		if (user != null) {
			request = request.with(user);
		}
		try {
			var response = mvc.perform(request).andReturn().getResponse();
			return new Answer(response.getStatus(), response.getRedirectedUrl(), response.getContentAsString());
		} catch (Exception failedInTheHandler) {
			return new Answer(500, null, "");
		}
	}

	@Test
	void letsOnlyTheListedRolesCallEachApiRoute() throws Exception {

		for (var rule : matrix()) {

			if (!bearer(rule.route())) {
				continue;
			}
			var path = rule.route().replace("{type}", "Patient").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			var fhir = !rule.route().startsWith("/api/");

			var anonymous = mvc.perform(request(rule.method(), path).contentType("application/json").content("{}")
					.with(this::fromOwnAddress)).andReturn().getResponse().getStatus();
			if (rule.open()) {
				assertThat(anonymous).as("%s %s without a token", rule.method(), rule.route()).isNotIn(401, 403);
			} else {
				assertThat(anonymous).as("%s %s without a token", rule.method(), rule.route()).isEqualTo(401);
			}

			for (var role : Role.values()) {

				var organizations = role == Role.PLATFORM_ADMIN ? List.<String> of() : List.of("northside");
				var username = "user." + role.realmRole();
				var status = mvc.perform(request(rule.method(), path).contentType("application/json").content("{}")
						.with(this::fromOwnAddress)
						.with(fhir ? Tokens.fhir(username, organizations, "patient/*.read user/*.read", role.realmRole())
								: Tokens.bearer(username, organizations, role.realmRole())))
						.andReturn().getResponse().getStatus();

				if (rule.open() || rule.roles().contains(role)) {
					assertThat(status).as("%s %s as %s", rule.method(), rule.route(), role).isNotIn(401, 403);
				} else {
					assertThat(status).as("%s %s as %s", rule.method(), rule.route(), role).isEqualTo(403);
				}
			}
		}
	}

	static List<Rule> matrix() throws IOException {

		var rules = new ArrayList<Rule>();
		var lines = new ClassPathResource("access-matrix.csv").getContentAsString(StandardCharsets.UTF_8).lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("method,"))
				.toList();

		for (var line : lines) {
			var cells = line.split(",", 3);
			var open = cells[2].trim().equals("public");
			var roles = open ? Set.<Role> of() : Arrays.stream(cells[2].trim().split("\\s+"))
					.map(name -> Role.ofRealmRole(name).orElseThrow(() -> new IllegalArgumentException(name)))
					.collect(Collectors.toSet());
			rules.add(new Rule(HttpMethod.valueOf(cells[0].trim()), cells[1].trim(), roles, open));
		}

		return rules;
	}

	/** Each call from an address of its own, so rate limits of public routes do not interfere. */
	private org.springframework.mock.web.MockHttpServletRequest fromOwnAddress(
			org.springframework.mock.web.MockHttpServletRequest request) {
		request.setRemoteAddr("127.9." + (calls / 250 % 250) + "." + (calls++ % 250));
		return request;
	}

	private int calls;

	private static String accessRule(HandlerMethod method) {
		var rule = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
		if (rule == null) {
			rule = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
		}
		return rule == null ? "" : rule.value();
	}

	private static boolean hasAccessRule(HandlerMethod method) {
		return AnnotatedElementUtils.hasAnnotation(method.getMethod(), PreAuthorize.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PreAuthorize.class);
	}

	private static java.util.stream.Stream<String> routes(RequestMappingInfo info) {

		var methods = info.getMethodsCondition().getMethods();
		var patterns = info.getPatternValues();

		if (methods.isEmpty()) { // a mapping for every method: listed as such, so the matrix must say so
			return patterns.stream().map(pattern -> "ANY " + pattern);
		}
		return patterns.stream().flatMap(pattern -> methods.stream().map(method -> method + " " + pattern));
	}
}
