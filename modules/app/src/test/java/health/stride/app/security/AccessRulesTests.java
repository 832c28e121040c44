package health.stride.app.security;

import static org.assertj.core.api.Assertions.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

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
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;

/**
 * Deny by default: every controller method states who may call it, and every JSON API route is in
 * the access matrix, which is checked by calling each route as each role.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccessRulesTests {

	/** {@code public} routes are open to everyone, with or without a token. */
	record Rule(HttpMethod method, String route, Set<Role> roles, boolean open) {}

	@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;

	@BeforeEach
	void northsideIsAClinic() {
		if (!clinics.isRegistered(TenantId.of("northside"))) {
			clinics.register(TenantId.of("northside"), "Northside Physio");
		}
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
	void listsEveryApiRouteInTheAccessMatrix() throws IOException {

		var listed = matrix().stream().map(it -> it.method() + " " + it.route()).collect(Collectors.toSet());

		var apiRoutes = mappings.getHandlerMethods().keySet().stream()
				.flatMap(AccessRulesTests::routes)
				.filter(it -> it.contains(" /api/"))
				.collect(Collectors.toCollection(TreeSet::new));

		assertThat(apiRoutes).as("API routes").isNotEmpty();
		assertThat(listed).as("the access matrix lists every API route and nothing else").isEqualTo(apiRoutes);
	}

	@Test
	void letsOnlyTheListedRolesCallEachApiRoute() throws Exception {

		for (var rule : matrix()) {

			var path = rule.route().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());

			var anonymous = mvc.perform(request(rule.method(), path).contentType("application/json").content("{}")
					.with(this::fromOwnAddress)).andReturn().getResponse().getStatus();
			if (rule.open()) {
				assertThat(anonymous).as("%s %s without a token", rule.method(), rule.route()).isNotIn(401, 403);
			} else {
				assertThat(anonymous).as("%s %s without a token", rule.method(), rule.route()).isEqualTo(401);
			}

			for (var role : Role.values()) {

				var organizations = role == Role.PLATFORM_ADMIN ? List.<String> of() : List.of("northside");
				var status = mvc.perform(request(rule.method(), path).contentType("application/json").content("{}")
						.with(this::fromOwnAddress)
						.with(Tokens.bearer("user." + role.realmRole(), organizations, role.realmRole())))
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

	private static boolean hasAccessRule(HandlerMethod method) {
		return AnnotatedElementUtils.hasAnnotation(method.getMethod(), PreAuthorize.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PreAuthorize.class);
	}

	private static java.util.stream.Stream<String> routes(RequestMappingInfo info) {

		var methods = info.getMethodsCondition().getMethods();
		var patterns = info.getPatternValues();

		return patterns.stream().flatMap(pattern -> methods.stream().map(method -> method + " " + pattern));
	}
}
