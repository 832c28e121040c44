package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.messaging.Threads;
import health.stride.messaging.internal.QuickReplies;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.platform.audit.AuditEvent;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Messages over the API and on the pages: who may read and write, inert markup, and the caseload's unanswered reason. */
@SpringBootTest
@AutoConfigureMockMvc
class MessagingTests {

	/** Attempts to get markup or script into a page through a message. */
	static final List<String> XSS = List.of("<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
			"\"><svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">click</a>",
			"https://evil.example/\"onmouseover=\"alert(1)", "<iframe src=//evil.example></iframe>");

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired ClinicianManagement clinicians;
	@Autowired PatientDirectory patients;
	@Autowired Consents consents;
	@Autowired Intakes intakes;
	@Autowired Threads threads;
	@Autowired Caseloads caseloads;
	@Autowired QuickReplies quickReplies;
	@Autowired AuditTrail audit;

	String north, lake;
	PatientId grace;
	UUID thread;

	@BeforeEach
	void aPatientWhoseIntakeGaveHerAlex() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		lake = clinics.register(TenantId.of("lake-" + UUID.randomUUID()), "Lake").tenant().value();
		CurrentTenant.runAs(TenantId.of(north), () -> {
			clinicians.add("pt.alex", "Alex Morgan, PT", ClinicianRole.THERAPIST,
					List.of(new License("WA", LicenseKind.LICENSE, "PT 1", LocalDate.now().plusYears(1))));
			grace = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.grace", "Grace", "Liu",
					LocalDate.of(1970, 1, 1), "grace@example.org", null, "WA", "America/Los_Angeles"));
			for (var document : ConsentDocument.values()) {
				consents.accept(grace, document, consents.currentVersion(document));
			}
			var answers = new HashMap<String, Boolean>();
			for (var flag : RedFlag.values()) {
				answers.put(flag.code(), false);
			}
			intakes.submit(grace, new IntakeAnswers(java.util.Set.of(PainRegion.LOW_BACK), 4, PainDuration.ACUTE, java.util.Set.of(),
					java.util.Set.of(), "Run again", List.of(new PsfsItem("Running", 2)), java.util.Set.copyOf(java.util.Arrays.stream(RedFlag.values()).filter(it -> Boolean.TRUE.equals(answers.get(it.code()))).toList())));
		});
		// assignment on the finished intake, then the welcome opens the thread
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> CurrentTenant.callAs(TenantId.of(north),
				() -> threads.ofPatient(grace)).filter(it -> it.lastSeq() > 0).isPresent());
		thread = CurrentTenant.callAs(TenantId.of(north), () -> threads.ofPatient(grace)).orElseThrow().id();
	}

	@Test
	void theCareTeamAndThePatientWriteAndEveryoneElseGetsA404() throws Exception {

		mvc.perform(post("/api/threads/" + thread + "/messages").contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\": \"My leg tingles after the bridges.\"}")
				.with(Tokens.bearer("patient.grace", List.of(north), "patient")))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.seq").value(2));
		mvc.perform(get("/api/threads").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(jsonPath("$[0].threadId").value(thread.toString()))
				.andExpect(jsonPath("$[0].patientId").value(grace.toString()))
				.andExpect(jsonPath("$[0].unread").value(1))
				.andExpect(jsonPath("$[0].urgent").value(false));
		mvc.perform(get("/api/threads").with(Tokens.bearer("patient.grace", List.of(north), "patient")))
				.andExpect(jsonPath("$[0].unread").value(1)); // the welcome

		mvc.perform(post("/api/threads/" + thread + "/messages").contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\": \"\"}").with(Tokens.bearer("patient.grace", List.of(north), "patient")))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("body"));
		mvc.perform(post("/api/threads/" + thread + "/messages").contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\": \"Hi\"}").with(Tokens.bearer("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(post("/api/threads/" + thread + "/messages").contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\": \"Hi\"}").with(Tokens.bearer("pt.alex", List.of(lake), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/messages/" + thread).with(Tokens.browser("pt.sam", List.of(north), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/messages/" + thread).with(Tokens.browser("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isForbidden());
	}

	@Test
	void auditsTheInboxAndEveryReadThatShowsMessagesButNotThePollsThatShowNothingNew() throws Exception {

		var therapist = Tokens.browser("pt.alex", List.of(north), "therapist");
		var inbox = mvc.perform(get("/messages").with(therapist)).andExpect(status().isOk()).andReturn();
		var session = (MockHttpSession) inbox.getRequest().getSession();
		assertThat(views("inbox")).singleElement()
				.satisfies(it -> assertThat(it.patientsShown()).containsExactly(grace.id()));

		// the open inbox asks again every second: the same patients, nothing more to record
		for (var poll = 0; poll < 5; poll++) {
			mvc.perform(get("/messages").header("HX-Request", "true").session(session).with(therapist))
					.andExpect(status().isOk());
		}
		assertThat(views("inbox")).hasSize(1);
		// a reload is a new view
		mvc.perform(get("/messages").session(session).with(therapist)).andExpect(status().isOk());
		assertThat(views("inbox")).hasSize(2);

		// an open thread's polls: nothing new writes nothing, new messages one entry
		mvc.perform(get("/messages/" + thread).session(session).with(therapist)).andExpect(status().isOk());
		var opened = views("messages").size();
		for (var poll = 0; poll < 5; poll++) {
			mvc.perform(get("/messages/" + thread + "/since?after=1").session(session).with(therapist))
					.andExpect(status().isNoContent());
		}
		assertThat(views("messages")).hasSize(opened);
		mvc.perform(post("/portal/messages").with(csrf()).with(Tokens.browser("patient.grace", List.of(north), "patient"))
				.param("body", "Is it fine to walk on hills?"));
		var afterPatientWrote = views("messages").size();
		mvc.perform(get("/messages/" + thread + "/since?after=1").session(session).with(therapist))
				.andExpect(status().isOk());
		mvc.perform(get("/messages/" + thread + "/since?after=2").session(session).with(therapist))
				.andExpect(status().isNoContent());
		assertThat(views("messages")).hasSize(afterPatientWrote + 1).first()
				.satisfies(it -> assertThat(it.actorUsername()).isEqualTo("pt.alex"))
				.satisfies(it -> assertThat(it.patientId()).isEqualTo(grace.id()));

		// the list over the API, one entry per call
		mvc.perform(get("/api/threads").with(Tokens.bearer("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isOk());
		assertThat(views("threads")).singleElement()
				.satisfies(it -> assertThat(it.patientsShown()).containsExactly(grace.id()));
	}

	/** The clinic's audit entries of one kind, newest first. */
	private List<AuditEvent> views(String resource) {
		return CurrentTenant.callAs(TenantId.of(north), () -> audit.latest(500)).stream()
				.filter(it -> resource.equals(it.resource())).toList();
	}

	@Test
	void aPatientsMessageWaitsOnTheCaseloadUntilTheTherapistAnswers() throws Exception {

		mvc.perform(post("/portal/messages").with(csrf()).with(Tokens.browser("patient.grace", List.of(north), "patient"))
				.param("body", "Is it fine to walk on hills?"))
				.andExpect(redirectedUrl("/portal/messages"));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reasons().contains(CaseloadReason.UNANSWERED_MESSAGE));

		var therapist = Tokens.browser("pt.alex", List.of(north), "therapist");
		mvc.perform(get("/messages").with(therapist))
				.andExpect(content().string(containsString("Grace Liu")))
				.andExpect(content().string(containsString("Waiting for an answer")))
				.andExpect(content().string(containsString("1 unread")));
		mvc.perform(get("/messages/" + thread + "/since?after=1").with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Is it fine to walk on hills?")))
				.andExpect(content().string(containsString("after=2")));
		mvc.perform(get("/messages/" + thread + "/since?after=2").with(therapist)).andExpect(status().isNoContent());

		mvc.perform(post("/messages/" + thread).with(csrf()).with(therapist).param("body", "Yes, gently uphill."))
				.andExpect(redirectedUrl("/messages/" + thread));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !reasons().contains(CaseloadReason.UNANSWERED_MESSAGE));
		mvc.perform(get("/portal/messages").with(Tokens.browser("patient.grace", List.of(north), "patient")))
				.andExpect(content().string(containsString("Yes, gently uphill.")))
				.andExpect(content().string(containsString("Read by Alex Morgan, PT")));
	}

	@Test
	void markupInMessagesIsShownAsTextOnEveryPageThatShowsThem() throws Exception {

		for (var attack : XSS) {
			mvc.perform(post("/api/threads/" + thread + "/messages").contentType(MediaType.APPLICATION_JSON)
					.content("{\"body\": " + new tools.jackson.databind.json.JsonMapper().writeValueAsString(attack) + "}")
					.with(Tokens.bearer("patient.grace", List.of(north), "patient")))
					.andExpect(status().isCreated());
		}
		var pages = List.of(get("/portal/messages").with(Tokens.browser("patient.grace", List.of(north), "patient")),
				get("/messages/" + thread).with(Tokens.browser("pt.alex", List.of(north), "therapist")),
				get("/messages/" + thread + "/since?after=0").with(Tokens.browser("pt.alex", List.of(north), "therapist")),
				get("/messages").with(Tokens.browser("pt.alex", List.of(north), "therapist")),
				get("/patients/" + grace).with(Tokens.browser("pt.alex", List.of(north), "therapist"))); // the chart's timeline
		for (var page : pages) {
			var html = mvc.perform(page).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(html).doesNotContain("<script>alert", "<img src=x", "<svg onload", "href=\"javascript",
					"<iframe", "\"onmouseover=\"");
		}
		mvc.perform(get("/portal/messages").with(Tokens.browser("patient.grace", List.of(north), "patient")))
				.andExpect(content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")));
	}

	@Test
	void cliniciansStartFromTheClinicsSavedRepliesAndAdministratorsSeeResponseTimes() throws Exception {

		var therapist = Tokens.browser("pt.alex", List.of(north), "therapist");
		mvc.perform(post("/messages/quick-replies").with(csrf()).with(therapist).param("title", "").param("body", "x"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Give the reply a title")));
		mvc.perform(post("/messages/quick-replies").with(csrf()).with(therapist).param("title", "Booking a video visit")
				.param("body", "You can book a video visit from your page; choose any open slot."))
				.andExpect(redirectedUrl("/messages/quick-replies"));
		var reply = CurrentTenant.callAs(TenantId.of(north), quickReplies::all).get(0);
		mvc.perform(get("/messages/" + thread + "?reply=" + reply.id()).with(therapist))
				.andExpect(content().string(containsString("Booking a video visit")))
				.andExpect(content().string(containsString(">You can book a video visit from your page; choose any open slot.</textarea>")));
		mvc.perform(get("/messages/quick-replies").with(Tokens.browser("admin.lee", List.of(lake), "clinic-admin")))
				.andExpect(content().string(not(containsString("Booking a video visit"))));

		mvc.perform(post("/api/threads/" + thread + "/messages").contentType(MediaType.APPLICATION_JSON)
				.content("{\"body\": \"Question\"}").with(Tokens.bearer("patient.grace", List.of(north), "patient")));
		mvc.perform(post("/messages/" + thread).with(csrf()).with(therapist).param("body", "Answer"));
		mvc.perform(get("/admin/messaging").with(Tokens.browser("admin.nora", List.of(north), "clinic-admin")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Alex Morgan, PT")))
				.andExpect(content().string(containsString("under 1 min")));
		mvc.perform(get("/admin/messaging").with(Tokens.browser("pt.alex", List.of(north), "therapist")))
				.andExpect(status().isForbidden());
		mvc.perform(get("/messages/quick-replies").with(Tokens.browser("patient.grace", List.of(north), "patient")))
				.andExpect(status().isForbidden());
	}

	@Test
	void theProfileStoresThePatientsLanguageAndStridesMessagesReadInIt() throws Exception {

		var patient = Tokens.browser("patient.grace", List.of(north), "patient");
		mvc.perform(get("/portal/profile").with(patient))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("value=\"es\"")));

		mvc.perform(post("/portal/profile").with(csrf()).with(patient).param("emailEnabled", "true").param("language", "es"))
				.andExpect(redirectedUrl("/portal/profile"))
				.andExpect(flash().attribute("flash", "Le enviaremos un correo cuando tenga un mensaje esperando."));
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> patients.languageOf(grace))).isEqualTo(Language.SPANISH);

		// the welcome was posted before she chose Spanish; it reads in the language she chose, whatever her browser says
		mvc.perform(get("/portal/messages").with(patient).header("Accept-Language", "en"))
				.andExpect(content().string(containsString("¡Bienvenido! Alex Morgan, PT es su fisioterapeuta.")))
				.andExpect(content().string(not(containsString("Welcome!"))));

		mvc.perform(post("/portal/profile").with(csrf()).with(patient).param("emailEnabled", "true").param("language", "en"))
				.andExpect(flash().attribute("flash", "We will email you when a message waits for you."));
		mvc.perform(get("/portal/messages").with(patient).header("Accept-Language", "es"))
				.andExpect(content().string(containsString("Welcome! Alex Morgan, PT is your physical therapist.")));

		mvc.perform(post("/portal/profile").with(csrf()).with(patient).param("language", "fr"))
				.andExpect(redirectedUrl("/portal/profile"));
		assertThat(CurrentTenant.callAs(TenantId.of(north), () -> patients.languageOf(grace)))
				.as("a language Stride does not speak changes nothing").isEqualTo(Language.ENGLISH);
	}

	@Test
	void aLanguageChosenOnTheProfileHoldsForTheRestOfTheSession() throws Exception {

		var patient = Tokens.browser("patient.grace", List.of(north), "patient");
		var session = new org.springframework.mock.web.MockHttpSession();

		mvc.perform(get("/portal/messages").session(session).with(patient).header("Accept-Language", "en"))
				.andExpect(content().string(containsString("Welcome!")));
		mvc.perform(post("/portal/profile").session(session).with(csrf()).with(patient).param("language", "es"))
				.andExpect(redirectedUrl("/portal/profile"));

		mvc.perform(get("/portal/messages").session(session).with(patient).header("Accept-Language", "en"))
				.andExpect(content().string(containsString("¡Bienvenido!")));
	}

	private List<CaseloadReason> reasons() {
		return CurrentTenant.callAs(TenantId.of(north), () -> caseloads.of("pt.alex", Caseloads.Filter.none(), 0, 25))
				.content().stream().filter(it -> it.patient().equals(grace)).findFirst()
				.map(Caseloads.Entry::reasons).orElse(List.of());
	}
}
