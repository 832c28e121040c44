package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import health.stride.app.security.Tokens;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input on every JSON route, found from the handler mappings: for every field of every request
 * body (records walked down through nested records and lists) control characters, 100,000 characters,
 * values of the wrong type and null, and for every body none at all, an empty one, one that is not
 * JSON and one of another content type. Each answer is RFC 9457 problem details, never a 5xx, and a
 * refused request leaves every table of the clinic as it was (counted as the owner, with the clinic
 * set, before and after each request).
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(Lifecycle.PER_CLASS)
class ApiInputTests {

	/** Control characters and broken text that no field takes. */
	static final List<String> UNSAFE_TEXT = List.of("\u0000", "before\u0000after", "\u0001", "\u001b[2J", "\u0007",
			"\u007f", "\u0085", "line\rbreak", "half a pair: " + LoneSurrogate.MARK, "x".repeat(100_000));

	/**
	 * Half of a surrogate pair cannot be written into UTF-8 JSON as such, only as the escape
	 * {@code \\ud800}: the body carries a mark that is replaced by the escape just before sending.
	 */
	static final class LoneSurrogate {

		static final String MARK = "<half-a-surrogate-pair>";

		static String escape(String json) {
			return json.replace(MARK, "\\ud800");
		}
	}

	/**
	 * Under the length any text may have, over what any field of Stride takes: refused by each field's
	 * own limit or rule (which may answer 404 for an alias or 409 for a version, not name a field).
	 */
	static final String OVER_A_FIELDS_LIMIT = "y".repeat(9_000);

	/** A valid body of each JSON route, which the test spoils one field at a time; %s are filled in below. */
	static final Map<String, String> SAMPLES = Map.ofEntries(Map.entry(
			"POST /api/coverage-checks", """
					{"clinic": "%1$s", "sponsorCode": "ACME", "firstName": "Maya", "lastName": "Okafor",
					 "dateOfBirth": "1986-04-12", "memberId": "A1", "email": "maya@example.com"}"""), Map.entry(
			"POST /api/signups", """
					{"clinic": "%1$s", "checkId": "%5$s", "username": "new.member", "email": "new@example.com",
					 "password": "a long enough password", "state": "WA", "timeZone": "America/Los_Angeles"}"""), Map.entry(
			"POST /api/me/consents", """
					{"document": "TELEHEALTH", "version": "%4$s"}"""), Map.entry(
			"POST /api/me/intake", """
					{"painRegions": ["low-back"], "painNow": 4, "painDuration": "ACUTE", "worseWith": ["sitting"],
					 "diagnoses": [], "goals": "Run again", "psfs": [{"activity": "Running", "score": 2}],
					 "redFlags": {"bowelBladder": false}}"""), Map.entry(
			"POST /api/me/red-flags", """
					{"saddleNumbness": false}"""), Map.entry(
			"POST /api/me/screenings", """
					{"instrument": "PHQ2", "answers": [1, 2]}"""), Map.entry(
			"PUT /api/patients/{patientId}/plan", """
					{"templateId": "%2$s"}"""), Map.entry(
			"PATCH /api/patients/{patientId}/plan", """
					{"version": %3$d, "phase": 1, "exercises": [{"slug": "pelvic-tilt", "sets": 1, "reps": 6,
					 "durationSeconds": null, "holdSeconds": null, "side": "BOTH", "timesPerDay": 1, "daysPerWeek": 5,
					 "restSeconds": 30, "note": "Slowly"}]}"""), Map.entry(
			"POST /api/me/sessions", """
					{"idempotencyKey": "session-%5$s", "painBefore": 3, "painAfter": 3, "symptomShift": "NONE",
					 "effort": "RIGHT", "walkingMinutes": 10, "performedAt": null,
					 "exercises": [{"exerciseSlug": "pelvic-tilt", "setsDone": 1, "repsDone": 6, "skipped": false,
					 "skipReason": null}]}"""), Map.entry(
			"POST /api/threads/{threadId}/messages", """
					{"body": "Is it fine to walk on hills?"}"""), Map.entry(
			"POST /api/caseload/search", """
					{"name": "Maya", "reason": "needs-plan", "status": "ACTIVE", "page": 0, "size": 20}"""),
			// Maya again: a body that passes every check and is answered 409 (no account is made)
			Map.entry("POST /api/patients", """
					{"firstName": "Maya", "lastName": "Tester", "dateOfBirth": "1980-01-01", "email": "maya@example.org",
					 "state": "WA", "phone": "+1 206 555 0100", "referralSource": "Dr. Chen", "payment": "SELF_PAY",
					 "payerName": null, "payerMemberId": null, "sponsorCode": null}"""), Map.entry(
			"POST /api/clinics", """
					{"name": "Riverside Physio", "alias": "riverside-%5$s", "timeZone": "America/Chicago",
					 "states": ["TX"], "admin": {"firstName": "Ada", "lastName": "Founder", "email": "ada@example.org"}}"""),
			Map.entry("POST /api/patients/{patientId}/discharge", """
					{"reason": "GOALS_MET", "summary": "Back to running three times a week."}"""),
			// a clinician the clinic does not have: every check passes and the answer is 404, nothing booked
			Map.entry("POST /api/visits", """
					{"clinicianId": "%5$s", "type": "follow-up", "startsAt": "2031-03-02T09:00:00-08:00",
					 "patientId": null}"""), Map.entry(
			"POST /api/visits/{visitId}/cancellation", """
					{"reason": "Feeling much better"}"""), Map.entry(
			"POST /api/visits/{visitId}/reschedule", """
					{"startsAt": "2031-03-02T09:00:00-08:00"}"""));

	@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
	@Autowired MockMvc mvc;
	@Autowired JsonMapper json;
	@Autowired org.springframework.context.MessageSource messages;
	@Autowired FlywayConnectionDetails owner;
	@Autowired ClinicRegistry clinics;
	@Autowired SponsorManagement sponsors;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired Consents consents;
	@Autowired ProgramTemplates templates;
	@Autowired Plans plans;
	@Autowired Threads threads;

	String clinic;
	PatientId maya;
	UUID thread;
	UUID template;
	Connection counting;
	String countAll;
	/** The last counts, and the database snapshot they were counted in. */
	Map<String, Long> counted = Map.of();
	String countedIn = "";
	int requests;

	@BeforeAll
	void aClinicWithAPatientHerCareTeamPlanAndThread() throws SQLException {

		clinic = clinics.register(TenantId.of("input-" + UUID.randomUUID()), "Input").tenant().value();
		Awaitility.await().atMost(Duration.ofSeconds(15))
				.until(() -> CurrentTenant.callAs(TenantId.of(clinic), templates::all).size() == 5);

		CurrentTenant.runAs(TenantId.of(clinic), () -> {
			sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null);
			maya = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Tester",
					LocalDate.of(1980, 1, 1), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"),
					new CareTeam.Member(UUID.randomUUID(), "coach.rio", "Rio Santos"));
			template = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow()
					.id();
			plans.assign(maya, template, new StrideUser("x", "pt.alex", List.of(TenantId.of(clinic)), Set.of(Role.THERAPIST)));
		});
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> CurrentTenant.callAs(TenantId.of(clinic),
				() -> threads.ofPatient(maya)).filter(it -> it.lastSeq() > 0).isPresent());
		thread = CurrentTenant.callAs(TenantId.of(clinic), () -> threads.ofPatient(maya)).orElseThrow().id();

		counting = DriverManager.getConnection(owner.getJdbcUrl(), owner.getUsername(), owner.getPassword());
		counting.setAutoCommit(false);
		// one snapshot for each counting transaction, so that the snapshot names exactly what the counts saw
		counting.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		countAll = countingQuery();
		awaitQuiet();
	}

	@AfterAll
	void closeTheCountingConnection() throws SQLException {
		counting.close();
	}

	@Test
	void answersEveryBadFieldOfEveryJsonBodyWithAProblemAndStoresNothing() throws Exception {

		var routes = jsonRoutes();
		assertThat(routes.keySet()).as("every JSON route has a sample body here").isSubsetOf(SAMPLES.keySet());
		assertThat(routes).as("JSON routes found").hasSizeGreaterThanOrEqualTo(SAMPLES.size());

		var softly = new SoftAssertions();
		requests = 0;

		for (var route : routes.entrySet()) {

			var fields = new ArrayList<Field>();
			walk(route.getValue(), "", List.of(), fields, sample(route.getKey()));
			assertThat(fields).as("fields of %s", route.getKey()).isNotEmpty();

			for (var field : fields) {
				for (var bad : badValues(field.kind())) {
					var body = with(sample(route.getKey()), field.at(), bad);
					var answer = send(route.getKey(), MediaType.APPLICATION_JSON, json.writeValueAsString(body));
					var what = "%s with %s = %s".formatted(route.getKey(), field.name(), shown(bad));
					expectRefused(softly, answer, what);
					if (field.named() && !isOverAFieldsOwnLimit(bad)) {
						softly.assertThat(answer.body()).as(what + ": the field is named")
								.contains("\"field\":\"" + field.name() + "\"");
					}
				}
				var answer = send(route.getKey(), MediaType.APPLICATION_JSON,
						json.writeValueAsString(with(sample(route.getKey()), field.at(), JsonNodeFactory.instance.nullNode())));
				expectNoServerError(softly, answer, "%s with %s = null".formatted(route.getKey(), field.name()));
			}

			for (var body : List.of("", "null", "[]", "{", "\"text\"", "42", "{\"a\":1}}")) {
				expectRefusedOrNoServerError(softly, send(route.getKey(), MediaType.APPLICATION_JSON, body),
						"%s with the body '%s'".formatted(route.getKey(), body), body);
			}
			expectRefused(softly, send(route.getKey(), null, null), route.getKey() + " without a body");
			expectRefused(softly, send(route.getKey(), MediaType.TEXT_PLAIN, json.writeValueAsString(sample(route.getKey()))),
					route.getKey() + " as text/plain");
			expectRefused(softly, send(route.getKey(), MediaType.APPLICATION_XML, "<body>hello</body>"),
					route.getKey() + " as XML");
		}

		softly.assertAll();
		assertThat(requests).as("requests sent").isGreaterThan(300);
	}

	@Test
	void rejectsNulCharactersInMessages() throws Exception {

		var answer = send("POST /api/threads/{threadId}/messages", MediaType.APPLICATION_JSON, "{\"body\":\"\\u0000\"}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(answer.body()).contains("\"field\":\"body\"").contains("control characters");
		assertThat(answer.changed()).as("tables changed").isEmpty();
	}

	@Test
	void namesTheFieldOfAValueOfTheWrongTypeInAnApiBody() throws Exception {

		var answer = send("PATCH /api/patients/{patientId}/plan", MediaType.APPLICATION_JSON,
				"{\"version\": 1, \"exercises\": [{\"slug\": \"pelvic-tilt\", \"sets\": \"three\"}]}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(answer.body()).contains("\"field\":\"exercises[0].sets\"").doesNotContain("java.");
	}

	@Test
	void refusesRosterUploadsWithoutAFileOrAsAnotherContentType() throws Exception {

		var admin = Tokens.bearer("admin.nora", List.of(clinic), "clinic-admin");
		var attempts = Map.<String, AbstractMockHttpServletRequestBuilder<?>> of(
				"multipart without a file", multipart("/api/sponsors/ACME/rosters")
						.file(new MockMultipartFile("other", "r.csv", "text/csv", "a,b\n".getBytes())),
				"an empty file", multipart("/api/sponsors/ACME/rosters")
						.file(new MockMultipartFile("file", "r.csv", "text/csv", new byte[0])),
				"JSON", post("/api/sponsors/ACME/rosters").contentType(MediaType.APPLICATION_JSON).content("{\"file\":\"x\"}"),
				"text", post("/api/sponsors/ACME/rosters").contentType(MediaType.TEXT_PLAIN).content("member_id\n"),
				"no body", post("/api/sponsors/ACME/rosters"));

		var softly = new SoftAssertions();
		for (var attempt : attempts.entrySet()) {
			expectRefused(softly, perform(attempt.getValue().with(admin)), "a roster upload as " + attempt.getKey());
		}
		softly.assertAll();
	}

	@Test
	void rejectsControlCharactersInQueryParametersOfTheApi() throws Exception {

		var answer = perform(get("/api/caseload").param("q", "Maya\u0000").with(Tokens.bearer("pt.alex",
				List.of(clinic), "therapist")));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(answer.body()).contains("\"field\":\"q\"");
	}

	@Test
	void turnsAwayControlCharactersInPageFormsWithAnExplanationAndStoresNothing() throws Exception {

		var answer = perform(post("/portal/messages").with(csrf())
				.with(Tokens.browser("patient.maya", List.of(clinic), "patient")).param("body", "Hello\u0000"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.reason()).contains("cannot be kept");
		assertThat(answer.changed()).as("tables changed").isEmpty();

		var longText = perform(post("/portal/messages").with(csrf())
				.with(Tokens.browser("patient.maya", List.of(clinic), "patient")).param("body", "x".repeat(100_000)));

		assertThat(longText.status()).isEqualTo(400);
		assertThat(longText.reason()).contains("too long");
		assertThat(longText.changed()).as("tables changed").isEmpty();

		var fine = perform(post("/portal/messages").with(csrf())
				.with(Tokens.browser("patient.maya", List.of(clinic), "patient")).param("body", "Line one\r\nline\ttwo"));
		assertThat(fine.status()).as("a textarea's line breaks and tabs are fine").isEqualTo(302);
		awaitQuiet();
	}

	// --- the requests

	record Answer(int status, @Nullable String contentType, String body, @Nullable String reason,
			Map<String, Long> changed) {}

	private Answer send(String route, @Nullable MediaType type, @Nullable String body) throws Exception {
		var space = route.indexOf(' ');
		var request = request(HttpMethod.valueOf(route.substring(0, space)), path(route.substring(space + 1)))
				.with(as(route)).with(this::fromOwnAddress);
		if (type != null) {
			request.contentType(type);
		}
		if (body != null) {
			request.content(LoneSurrogate.escape(body));
		}
		return perform(request);
	}

	private Answer perform(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
		requests++;
		var before = counts();
		org.springframework.test.web.servlet.MvcResult result;
		try {
			result = mvc.perform(request).andReturn();
		} catch (jakarta.servlet.ServletException unhandled) {
			// what the servlet container would answer with a 500
			return new Answer(500, null, String.valueOf(unhandled.getRootCause()), null, Map.of());
		}
		MockHttpServletResponse response = result.getResponse();
		var after = counts();
		var changed = after.entrySet().stream().filter(it -> !it.getValue().equals(before.get(it.getKey())))
				.collect(Collectors.toMap(Map.Entry::getKey, it -> it.getValue() - before.getOrDefault(it.getKey(), 0L)));
		if (response.getStatus() < 300) {
			awaitQuiet(); // a request that was accepted may set listeners off; let them finish before the next count
		}
		var reason = result.getRequest().getAttribute("health.stride.app.security.AccessDenials.reason");
		return new Answer(response.getStatus(), response.getContentType(), response.getContentAsString(),
				// the reason the error page shows, in English (the tests' language)
				reason instanceof org.springframework.context.MessageSourceResolvable message
						? messages.getMessage(message, java.util.Locale.ENGLISH) : null, changed);
	}

	private void expectRefused(SoftAssertions softly, Answer answer, String what) {
		softly.assertThat(answer.status()).as(what + ": status").isBetween(400, 499);
		expectProblem(softly, answer, what);
	}

	private void expectNoServerError(SoftAssertions softly, Answer answer, String what) {
		softly.assertThat(answer.status()).as(what + ": status").isLessThan(500);
		if (answer.status() >= 400) {
			expectProblem(softly, answer, what);
		}
	}

	/** An empty JSON object may be a valid body (every field optional); anything else is refused. */
	private void expectRefusedOrNoServerError(SoftAssertions softly, Answer answer, String what, String body) {
		if (body.equals("{\"a\":1}}")) {
			expectNoServerError(softly, answer, what);
		} else {
			expectRefused(softly, answer, what);
		}
	}

	private void expectProblem(SoftAssertions softly, Answer answer, String what) {
		softly.assertThat(answer.contentType()).as(what + ": content type").isNotNull()
				.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		softly.assertThat(answer.body()).as(what + ": problem status").contains("\"status\":" + answer.status());
		softly.assertThat(answer.changed()).as(what + ": tables changed").isEmpty();
	}

	private RequestPostProcessor as(String route) {
		var rule = accessRules().get(route);
		var role = rule == null || rule.isEmpty() ? null : rule.get(0);
		if (role == null) {
			return request -> request;
		}
		var username = switch (role) {
			case "patient" -> "patient.maya";
			case "therapist" -> "pt.alex";
			case "coach" -> "coach.rio";
			case "clinic-admin" -> "admin.nora";
			case "sponsor-admin" -> "sponsor.sam";
			default -> "platform.pat";
		};
		return Tokens.bearer(username, role.equals("platform-admin") ? List.of() : List.of(clinic), role);
	}

	private String path(String route) {
		return route.replace("{threadId}", thread.toString()).replace("{patientId}", maya.toString())
				.replace("{sponsorCode}", "ACME").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
	}

	/** Each call from an address of its own, so the limits of the public routes stay out of the way. */
	private MockHttpServletRequest fromOwnAddress(MockHttpServletRequest request) {
		request.setRemoteAddr("127.8." + (requests / 250 % 250) + "." + (requests % 250));
		return request;
	}

	// --- the routes and their fields

	/** Roles that may call each route, from the access matrix, in its order; empty for public routes. */
	private static Map<String, List<String>> accessRules() {
		try {
			var rules = new TreeMap<String, List<String>>();
			for (var line : new org.springframework.core.io.ClassPathResource("access-matrix.csv")
					.getContentAsString(java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
				if (line.isBlank() || line.startsWith("#") || line.startsWith("method,")) {
					continue;
				}
				var cells = line.split(",", 3);
				rules.put(cells[0].trim() + " " + cells[1].trim(),
						cells[2].trim().equals("public") ? List.of() : List.of(cells[2].trim().split("\\s+")));
			}
			return rules;
		} catch (java.io.IOException unreadable) {
			throw new IllegalStateException(unreadable);
		}
	}

	/** Every {@code /api} route with a JSON body, and the body's type. */
	private Map<String, Type> jsonRoutes() {
		var routes = new TreeMap<String, Type>();
		for (var mapping : mappings.getHandlerMethods().entrySet()) {
			var body = bodyOf(mapping.getValue());
			if (body == null) {
				continue;
			}
			for (var route : routes(mapping.getKey())) {
				if (route.contains(" /api/")) {
					routes.put(route, body);
				}
			}
		}
		return routes;
	}

	private static @Nullable Type bodyOf(HandlerMethod method) {
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				return parameter.getGenericParameterType();
			}
		}
		return null;
	}

	private static List<String> routes(RequestMappingInfo info) {
		return info.getPatternValues().stream()
				.flatMap(pattern -> info.getMethodsCondition().getMethods().stream().map(method -> method + " " + pattern))
				.toList();
	}

	enum Kind { TEXT, NUMBER, BOOLEAN, ID, DATE, LIST, OBJECT, MAP_KEY }

	/**
	 * A field to spoil: its name as a client sees it, where it sits in the sample, and whether an
	 * answer must name it (map keys are not field names).
	 */
	record Field(String name, List<Object> at, Kind kind, boolean named) {}

	/** Collects the fields of a body type, down through records, lists (their first element) and maps. */
	private static void walk(Type type, String name, List<Object> at, List<Field> fields, JsonNode sample) {

		var raw = raw(type);

		if (raw.isRecord()) {
			if (!at.isEmpty()) {
				fields.add(new Field(name, at, Kind.OBJECT, true));
			}
			for (RecordComponent component : raw.getRecordComponents()) {
				walk(component.getGenericType(), name.isEmpty() ? component.getName() : name + "." + component.getName(),
						append(at, component.getName()), fields, sample);
			}
		} else if (Collection.class.isAssignableFrom(raw)) {
			fields.add(new Field(name, at, Kind.LIST, true));
			if (node(sample, append(at, 0)) != null) {
				walk(argument(type, 0), name + "[0]", append(at, 0), fields, sample);
			}
		} else if (Map.class.isAssignableFrom(raw)) {
			if (!at.isEmpty()) {
				fields.add(new Field(name, at, Kind.OBJECT, true));
			}
			var map = node(sample, at);
			if (map != null && map.isObject() && !map.isEmpty()) {
				var key = map.propertyNames().iterator().next();
				walk(argument(type, 1), name.isEmpty() ? key : name + "." + key, append(at, key), fields, sample);
			}
			fields.add(new Field(name, append(at, new MapKey()), Kind.MAP_KEY, false));
		} else if (raw == String.class) {
			fields.add(new Field(name, at, Kind.TEXT, true));
		} else if (Number.class.isAssignableFrom(raw) || raw == int.class || raw == long.class) {
			fields.add(new Field(name, at, Kind.NUMBER, true));
		} else if (raw == Boolean.class || raw == boolean.class) {
			fields.add(new Field(name, at, Kind.BOOLEAN, true));
		} else if (raw == UUID.class) {
			fields.add(new Field(name, at, Kind.ID, true));
		} else if (Temporal.class.isAssignableFrom(raw)) {
			fields.add(new Field(name, at, Kind.DATE, true));
		} else {
			throw new IllegalStateException("Teach the test about " + type + " (" + name + ")");
		}
	}

	/** Stands for a new key with control characters, added to a map. */
	record MapKey() {}

	private static List<JsonNode> badValues(Kind kind) {
		var nodes = JsonNodeFactory.instance;
		Function<String, JsonNode> text = nodes::stringNode;
		var wrongShapes = List.<JsonNode> of(nodes.objectNode(), nodes.arrayNode());
		var values = new ArrayList<JsonNode>();
		switch (kind) {
			case TEXT -> {
				UNSAFE_TEXT.forEach(it -> values.add(text.apply(it)));
				values.add(text.apply(OVER_A_FIELDS_LIMIT));
				values.add(nodes.numberNode(42));
				values.add(nodes.booleanNode(true));
				values.addAll(wrongShapes);
			}
			case NUMBER -> {
				values.add(text.apply("many"));
				values.add(text.apply("4"));
				values.add(nodes.numberNode(4.5));
				values.add(nodes.booleanNode(true));
				values.add(text.apply("\u0000"));
				values.add(nodes.numberNode(new java.math.BigInteger("99999999999999999999999")));
				values.addAll(wrongShapes);
			}
			case BOOLEAN -> {
				values.add(text.apply("maybe"));
				values.add(text.apply("true"));
				values.add(nodes.numberNode(1));
				values.add(text.apply("\u0000"));
				values.addAll(wrongShapes);
			}
			case ID -> {
				values.add(text.apply("not-an-id"));
				values.add(text.apply("\u0000"));
				values.add(nodes.numberNode(42));
				values.addAll(wrongShapes);
			}
			case DATE -> {
				values.add(text.apply("not-a-date"));
				values.add(text.apply("1986-04-12\u0000"));
				values.add(nodes.booleanNode(true));
				values.addAll(wrongShapes);
			}
			case LIST -> {
				values.add(text.apply("text"));
				values.add(nodes.numberNode(42));
				values.add(nodes.objectNode());
			}
			case OBJECT -> {
				values.add(text.apply("text"));
				values.add(nodes.numberNode(42));
				values.add(nodes.arrayNode());
			}
			case MAP_KEY -> {
				values.add(nodes.booleanNode(true));
			}
		}
		return values;
	}

	/** The sample with one value replaced (or, for a map key, a key with a NUL added). */
	private static JsonNode with(JsonNode sample, List<Object> at, JsonNode value) {
		var copy = sample.deepCopy();
		var parent = at.size() == 1 ? copy : node(copy, at.subList(0, at.size() - 1));
		var last = at.get(at.size() - 1);
		if (parent instanceof ObjectNode object && last instanceof MapKey) {
			object.set("bowel\u0000Bladder", value);
		} else if (parent instanceof ObjectNode object) {
			object.set((String) last, value);
		} else if (parent instanceof ArrayNode array) {
			array.set((Integer) last, value);
		} else {
			throw new IllegalStateException("no place " + at + " in " + sample);
		}
		return copy;
	}

	private static @Nullable JsonNode node(JsonNode root, List<Object> at) {
		JsonNode node = root;
		for (var step : at) {
			if (node == null) {
				return null;
			}
			node = step instanceof Integer index ? node.get(index) : step instanceof String name ? node.get(name) : null;
		}
		return node;
	}

	private JsonNode sample(String route) {
		var consentVersion = consents.currentVersion(ConsentDocument.TELEHEALTH);
		var version = CurrentTenant.callAs(TenantId.of(clinic), () -> plans.of(maya)).map(it -> it.version()).orElse(1L);
		return json.readTree(SAMPLES.get(route).formatted(clinic, template, version, consentVersion, UUID.randomUUID()));
	}

	private static List<Object> append(List<Object> at, Object step) {
		var longer = new ArrayList<>(at);
		longer.add(step);
		return List.copyOf(longer);
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		throw new IllegalStateException("Teach the test about " + type);
	}

	private static Type argument(Type type, int index) {
		return ((ParameterizedType) type).getActualTypeArguments()[index];
	}

	private static boolean isOverAFieldsOwnLimit(JsonNode value) {
		return value.isString() && value.asString().equals(OVER_A_FIELDS_LIMIT);
	}

	/** The value as it can be read in a report: control characters and halves of pairs spelled out. */
	private static String shown(JsonNode value) {
		var text = value.toString();
		var shown = new StringBuilder();
		text.chars().limit(40).forEach(c -> shown.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate((char) c)
				? "\\u%04x".formatted(c) : String.valueOf((char) c)));
		return text.length() > 40 ? shown + "…(" + text.length() + " characters)" : shown.toString();
	}

	// --- counting what is stored

	/**
	 * Row counts of every table of the domain modules, as the clinic sees them. A snapshot the same as the
	 * last counts' (no transaction ended or began writing since) sees the very same rows: those counts
	 * are given again rather than counted a second time.
	 */
	private Map<String, Long> counts() throws SQLException {
		try (var set = counting.prepareStatement("select set_config('stride.tenant_id', ?, true)")) {
			set.setString(1, clinic);
			set.execute();
		}
		String snapshot;
		try (var statement = counting.createStatement();
				var rows = statement.executeQuery("select pg_current_snapshot()::text")) {
			rows.next();
			snapshot = rows.getString(1);
		}
		if (snapshot.equals(countedIn)) {
			counting.rollback();
			return counted;
		}
		var counts = new LinkedHashMap<String, Long>();
		try (var statement = counting.createStatement(); var rows = statement.executeQuery(countAll)) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
		}
		counting.rollback();
		counted = Map.copyOf(counts);
		countedIn = snapshot;
		return counted;
	}

	private String countingQuery() throws SQLException {
		var tables = new ArrayList<String>();
		try (var statement = counting.createStatement(); var rows = statement.executeQuery("""
				select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname in ('eligibility', 'patients', 'programs', 'messaging', 'visits', 'careteams')
				  and c.relkind in ('r', 'p') and not c.relispartition
				  and has_table_privilege(c.oid, 'SELECT') and c.relname not like 'flyway%'
				order by 1""")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		counting.rollback();
		assertThat(tables).as("tables counted").hasSizeGreaterThan(10);
		return tables.stream().map(table -> "select '" + table + "', count(*) from " + table)
				.collect(Collectors.joining(" union all "));
	}

	/** Waits until the clinic's tables stop changing (listeners of earlier work done). */
	private void awaitQuiet() {
		var last = new java.util.concurrent.atomic.AtomicReference<Map<String, Long>>(Map.of());
		Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
			var now = counts();
			return now.equals(last.getAndSet(now));
		});
	}
}
