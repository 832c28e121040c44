package health.stride.app.e2e;

import static health.stride.app.e2e.FhirCalls.*;
import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.app.security.IntegrationClients;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * The isolation probe: nobody of the other clinic, in any role or as its integration client, and no other
 * patient of the same clinic reaches anything of a patient's record through FHIR. It asks the server which
 * types it serves (the CapabilityStatement) and takes the record from {@code Patient/$everything}, so it covers
 * every type Stride serves, whoever adds it: each id of the record is read (and its history), each type is
 * searched by the patient as {@code subject}/{@code patient}, by those ids and identifiers and with no
 * parameter at all, and every answer must be a refusal (404, or 403 for a scope that does not fit) or a
 * bundle without an entry of the patient's.
 */
class FhirIsolationTests extends EndToEndTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final TenantId LAKESIDE = TenantId.of("lakeside");

	/** Types that define rather than record (a code system, a questionnaire): anyone may share them. */
	static final Set<String> DEFINITIONS = Set.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem",
			"StructureDefinition", "SearchParameter", "OperationDefinition", "CapabilityStatement", "Questionnaire",
			"PlanDefinition", "ActivityDefinition");

	/** Reference parameters that name the patient whose data a resource is. */
	static final List<String> PATIENT_PARAMETERS = List.of("subject", "patient", "beneficiary");

	/** How many pages of a search without parameters the probe follows. */
	static final int PAGES = 20;

	@Autowired PatientDirectory patients;
	@Autowired IntegrationClients integrationClients;

	@Test
	void nobodyOfLakesideAndNoOtherPatientOfNorthsideReachesMayasRecord() throws Exception {

		var coach = "coach.probe." + UUID.randomUUID().toString().substring(0, 6);
		KeycloakAdmin.createMember(coach, PASSWORD, "coach", "lakeside");

		probe(idOf(NORTHSIDE, "patient.maya"), integrationToken(integrationClients, NORTHSIDE), List.of(
				new Caller("patient.ivy (lakeside, patient/*.read)", () -> token("patient.ivy", "openid patient/*.read")),
				new Caller("pt.jordan (lakeside, user/*.read)", () -> token("pt.jordan", "openid user/*.read")),
				new Caller(coach + " (lakeside, user/*.read)", () -> token(coach, "openid user/*.read")),
				new Caller("admin.lee (lakeside, user/*.read)", () -> token("admin.lee", "openid user/*.read")),
				new Caller("admin.lee (lakeside, patient/*.read)", () -> token("admin.lee", "openid patient/*.read")),
				new Caller("stride-fhir-lakeside (system/*.read)", () -> integrationToken(integrationClients, LAKESIDE))),
				List.of(new Caller("patient.leo (northside, patient/*.read)", () -> token("patient.leo", "openid patient/*.read"))));
	}

	@Test
	void nobodyOfNorthsideAndNoOtherPatientOfLakesideReachesIvysRecord() throws Exception {

		var neighbour = "patient.probe." + UUID.randomUUID().toString().substring(0, 6);
		KeycloakAdmin.createMember(neighbour, PASSWORD, "patient", "lakeside");
		CurrentTenant.callAs(LAKESIDE, () -> patients.register(new NewPatient(UUID.randomUUID().toString(), neighbour,
				"Nell", "Probe", LocalDate.of(1975, 9, 3), neighbour + "@example.org", null, "WA", "America/Los_Angeles")));

		probe(idOf(LAKESIDE, "patient.ivy"), integrationToken(integrationClients, LAKESIDE), List.of(
				new Caller("patient.maya (northside, patient/*.read)", () -> token("patient.maya", "openid patient/*.read")),
				new Caller("pt.alex (northside, user/*.read)", () -> token("pt.alex", "openid user/*.read")),
				new Caller("coach.rio (northside, user/*.read)", () -> token("coach.rio", "openid user/*.read")),
				new Caller("admin.nora (northside, user/*.read)", () -> token("admin.nora", "openid user/*.read")),
				new Caller("admin.nora (northside, patient/*.read)", () -> token("admin.nora", "openid patient/*.read")),
				new Caller("stride-fhir-northside (system/*.read)", () -> integrationToken(integrationClients, NORTHSIDE))),
				List.of(new Caller(neighbour + " (lakeside, patient/*.read)", () -> token(neighbour, "openid patient/*.read"))));
	}

	/** A resource of the patient's record as {@code $everything} gave it. */
	record Found(String type, String id, @Nullable String versionId, List<String> identifiers, boolean mentionsPatient) {}

	/** What the server says it serves of a type. */
	record Served(String type, Set<String> searchParameters, boolean versioned) {}

	void probe(String patient, String ownerToken, List<Caller> otherClinic, List<Caller> sameClinic) throws Exception {

		var served = served();
		assertThat(served).as("the CapabilityStatement lists Patient").extracting(Served::type).contains("Patient");

		var record = record(patient, ownerToken);
		assertThat(record).as("the record holds the patient").anyMatch(it -> it.type().equals("Patient") && it.id().equals(patient));

		var failures = new ArrayList<String>();
		var calls = 0;
		for (var caller : otherClinic) {
			// everything of another clinic is out of reach, the clinic's own people and organisation included
			var outOfReach = record.stream().filter(it -> !DEFINITIONS.contains(it.type())).toList();
			calls += probe(caller, patient, served, outOfReach, failures);
		}
		for (var caller : sameClinic) {
			// the clinic's clinicians and the clinic itself are no secret to its patients: the patient's own are
			var theirs = record.stream().filter(Found::mentionsPatient).toList();
			calls += probe(caller, patient, served, theirs, failures);
		}

		System.out.printf("FHIR isolation probe of a patient: %d types, %d resources in the record, %d requests%n",
				served.size(), record.size(), calls);
		assertThat(calls).as("requests the probe made").isGreaterThan(served.size() * (otherClinic.size() + sameClinic.size()));
		assertThat(failures).as("answers that reached the patient's record (%d requests)", calls).isEmpty();
	}

	/** One caller's probe of the record; returns how many requests it made. */
	private int probe(Caller caller, String patient, List<Served> served, List<Found> record, List<String> failures)
			throws Exception {

		var calls = 0;
		var recordIds = new HashSet<String>();
		record.forEach(it -> recordIds.add(it.type() + "/" + it.id()));

		refused(caller, "/fhir/Patient/" + patient + "/$everything", patient, failures);
		calls++;

		for (var type : served) {

			var ids = new LinkedHashSet<String>();
			ids.add(patient);
			record.stream().filter(it -> it.type().equals(type.type())).forEach(it -> ids.add(it.id()));
			for (var id : ids) {
				refused(caller, "/fhir/" + type.type() + "/" + id, patient, failures);
				calls++;
				if (type.versioned()) {
					refused(caller, "/fhir/" + type.type() + "/" + id + "/_history", patient, failures);
					calls++;
				}
			}
			if (type.versioned()) {
				for (var found : record.stream().filter(it -> it.type().equals(type.type()) && it.versionId() != null).toList()) {
					refused(caller, "/fhir/" + type.type() + "/" + found.id() + "/_history/" + found.versionId(), patient,
							failures);
					calls++;
				}
			}

			var searches = new LinkedHashSet<String>();
			for (var parameter : PATIENT_PARAMETERS) {
				if (type.searchParameters().contains(parameter)) {
					searches.add(parameter + "=" + encode("Patient/" + patient));
					searches.add(parameter + "=" + patient);
				}
			}
			if (type.searchParameters().contains("_id")) {
				record.stream().filter(it -> it.type().equals(type.type())).forEach(it -> searches.add("_id=" + it.id()));
				searches.add("_id=" + patient);
			}
			if (type.searchParameters().contains("identifier")) {
				record.stream().filter(it -> it.type().equals(type.type()))
						.flatMap(it -> it.identifiers().stream()).forEach(it -> searches.add("identifier=" + encode(it)));
			}
			for (var search : searches) {
				calls += noEntryOf(caller, "/fhir/" + type.type() + "?" + search, patient, recordIds, 1, failures);
			}
			calls += noEntryOf(caller, "/fhir/" + type.type(), patient, recordIds, PAGES, failures);
		}
		return calls;
	}

	/** The answer is a refusal that says nothing of the patient. */
	private void refused(Caller caller, String path, String patient, List<String> failures) throws Exception {
		var answer = get(path, caller.token());
		if (answer.statusCode() != 404 && answer.statusCode() != 403) {
			failures.add(caller.name() + ": GET " + path + " answered " + answer.statusCode());
		} else if (answer.body().contains(patient)) {
			failures.add(caller.name() + ": GET " + path + " names the patient in its refusal");
		}
	}

	/** The answer is a refusal, or bundles (following {@code next} up to {@code pages}) with no entry of the record. */
	private int noEntryOf(Caller caller, String path, String patient, Set<String> recordIds, int pages,
			List<String> failures) throws Exception {

		var calls = 0;
		String next = path;
		for (var page = 0; next != null && page < pages; page++) {
			var answer = get(next, caller.token());
			calls++;
			if (answer.statusCode() == 400 || answer.statusCode() == 403 || answer.statusCode() == 404) {
				if (answer.body().contains(patient)) {
					failures.add(caller.name() + ": GET " + next + " names the patient in its refusal");
				}
				return calls;
			}
			if (answer.statusCode() != 200) {
				failures.add(caller.name() + ": GET " + next + " answered " + answer.statusCode());
				return calls;
			}
			var bundle = json(answer);
			for (var entry : bundle.path("entry")) {
				var resource = entry.path("resource");
				var key = resource.path("resourceType").asString() + "/" + resource.path("id").asString();
				if (recordIds.contains(key) || resource.toString().contains(patient)) {
					failures.add(caller.name() + ": GET " + next + " returned " + key + " of the patient's record");
				}
			}
			next = null;
			for (var link : bundle.path("link")) {
				if ("next".equals(link.path("relation").asString())) {
					next = link.path("url").asString();
				}
			}
		}
		return calls;
	}

	/** The types the CapabilityStatement lists, with their search parameters and whether they keep versions. */
	private static List<Served> served() throws Exception {
		var metadata = get("/fhir/metadata", null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		var served = new ArrayList<Served>();
		for (var resource : json(metadata).path("rest").get(0).path("resource")) {
			var parameters = new HashSet<String>();
			resource.path("searchParam").forEach(it -> parameters.add(it.path("name").asString()));
			var versioned = resource.path("interaction").valueStream()
					.anyMatch(it -> it.path("code").asString().equals("history-instance"));
			served.add(new Served(resource.path("type").asString(), parameters, versioned));
		}
		return served;
	}

	/** Every resource of the patient's record, by the owning clinic's integration client. */
	private static List<Found> record(String patient, String ownerToken) throws Exception {
		var found = new LinkedHashMap<String, Found>();
		String next = "/fhir/Patient/" + patient + "/$everything";
		while (next != null) {
			var answer = get(next, ownerToken);
			assertThat(answer.statusCode()).as("$everything by the owning clinic: %s", answer.body()).isEqualTo(200);
			var bundle = json(answer);
			for (var entry : bundle.path("entry")) {
				var resource = entry.path("resource");
				var identifiers = new ArrayList<String>();
				for (var identifier : resource.path("identifier")) {
					identifiers.add(identifier.path("system").asString() + "|" + identifier.path("value").asString());
				}
				var type = resource.path("resourceType").asString();
				var id = resource.path("id").asString();
				var version = resource.path("meta").path("versionId");
				found.put(type + "/" + id, new Found(type, id, version.isMissingNode() ? null : version.asString(), identifiers,
						resource.toString().contains(patient)));
			}
			next = null;
			for (var link : bundle.path("link")) {
				if ("next".equals(link.path("relation").asString())) {
					next = link.path("url").asString();
				}
			}
		}
		return List.copyOf(found.values());
	}

	private String idOf(TenantId clinic, String username) {
		return CurrentTenant.callAs(clinic, () -> patients.findByUsername(username)).orElseThrow().id().id().toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** Someone who calls, with a token fetched again before it expires (the realm's last five minutes). */
	static final class Caller {

		interface Tokens {
			String fetch() throws IOException, InterruptedException;
		}

		private final String name;
		private final Tokens tokens;
		private @Nullable String token;
		private Instant fetched = Instant.MIN;

		Caller(String name, Tokens tokens) {
			this.name = name;
			this.tokens = tokens;
		}

		String name() {
			return name;
		}

		String token() throws IOException, InterruptedException {
			if (token == null || fetched.plus(Duration.ofMinutes(3)).isBefore(Instant.now())) {
				token = tokens.fetch();
				fetched = Instant.now();
			}
			return token;
		}
	}

}
