package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.VisitId;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * The visit note's pages without a browser: the clinician drafts, signs and adds an addendum on the
 * page (Post/Redirect/Get) or in the htmx panel (the panel comes back alone); minutes that are not
 * a number, missing sections, a stale form and a cancelled visit are answered on the page, NUL
 * characters and a 100,000-character text on the error page (or, sent by htmx, in the page's refusal
 * notice), and none stores anything; another clinician is told the visit does not exist. The
 * agenda links the note, and the administrators' report counts its minutes.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VisitNotePagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired Hosts hosts;
	@Autowired VisitTypes types;
	@Autowired Visits visits;
	@Autowired VisitNotes notes;
	@Autowired JdbcClient jdbc;
	@Autowired PlatformTransactionManager transactions;

	TenantId clinic;
	UUID alex, sam;
	PatientId maya;
	RequestPostProcessor ptAlex, ptSam, admin;

	@BeforeEach
	void aClinicWithTwoTherapistsAndMaya() {
		clinic = clinics.register(TenantId.of("notes-" + UUID.randomUUID()), "North").tenant();
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == 4);
		alex = UUID.randomUUID();
		sam = UUID.randomUUID();
		maya = CurrentTenant.callAs(clinic, () -> {
			hosts.enlist(alex, "pt.alex", "Alex Morgan, PT", HostKind.THERAPIST);
			hosts.enlist(sam, "pt.sam", "Sam Patel, PT", HostKind.THERAPIST);
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"), null);
			return id;
		});
		ptAlex = Tokens.browser("pt.alex", List.of(clinic.value()), "therapist");
		ptSam = Tokens.browser("pt.sam", List.of(clinic.value()), "therapist");
		admin = Tokens.browser("admin.nora", List.of(clinic.value()), "clinic-admin");
	}

	/** A 30-minute follow-up of Alex with Maya, straight into the table (booking refuses the past). */
	VisitId visit(Instant startsAt, String status) {
		var id = VisitId.random();
		var cancelled = "CANCELLED".equals(status);
		CurrentTenant.runAs(clinic, () -> new TransactionTemplate(transactions).executeWithoutResult(tx -> jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
				                          booked_by, booked_at, cancelled_by, cancelled_at)
				values (?, ?, ?, 'follow-up', ?, ?, ?, ?, 'admin.nora', ?, ?, ?)""")
				.params(id.id(), maya.id(), alex, Timestamp.from(startsAt), Timestamp.from(startsAt.plusSeconds(1800)),
						Timestamp.from(startsAt.plusSeconds(1800)), status, Timestamp.from(startsAt.minus(Duration.ofDays(2))),
						cancelled ? "patient.maya" : null, cancelled ? Timestamp.from(startsAt.minus(Duration.ofDays(1))) : null)
				.update()));
		return id;
	}

	Instant minutesAgo(long minutes) {
		return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes));
	}

	@Nullable VisitNote stored(VisitId visit) {
		var reader = new StrideUser("x", "admin.nora", List.of(clinic), java.util.Set.of(Role.CLINIC_ADMIN));
		return CurrentTenant.callAs(clinic, () -> notes.find(reader, visit)).orElse(null);
	}

	MockHttpServletRequestBuilder note(VisitId visit, String subjective, String minutes, String version) {
		return post("/visits/{v}/note", visit.id()).with(ptAlex).with(csrf()).param("subjective", subjective)
				.param("objective", "Squat to 90 degrees.").param("assessment", "Improving.")
				.param("plan", "Add step-ups.").param("minutes", minutes).param("version", version);
	}

	@Test
	void theClinicianDraftsSignsAndAddsAnAddendum() throws Exception {

		var visit = visit(minutesAgo(5), "BOOKED");

		mvc.perform(get("/visits/{v}/note", visit.id()).with(ptAlex))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Visit note"), containsString("Maya Okafor"),
						containsString("Follow-up"), containsString("name=\"minutes\""), containsString("value=\"30\""),
						containsString("Save the draft"), containsString("Sign the note"), containsString("id=\"visit-note\""))));

		mvc.perform(note(visit, "Knee stiff in the morning.", "32", "0"))
				.andExpect(redirectedUrl("/visits/" + visit.id() + "/note"))
				.andExpect(flash().attribute("flash", "The draft was saved."));
		assertThat(stored(visit).sections().subjective()).isEqualTo("Knee stiff in the morning.");
		mvc.perform(get("/visits/{v}/note", visit.id()).with(ptAlex))
				.andExpect(content().string(allOf(containsString("Knee stiff in the morning."), containsString("value=\"32\""),
						containsString("name=\"version\" value=\"1\""))));

		mvc.perform(post("/visits/{v}/note/sign", visit.id()).with(ptAlex).with(csrf()).param("subjective", "Knee stiff.")
				.param("objective", "Squat to 90 degrees.").param("assessment", "Improving.").param("plan", "Add step-ups.")
				.param("minutes", "32").param("version", "1"))
				.andExpect(redirectedUrl("/visits/" + visit.id() + "/note"))
				.andExpect(flash().attribute("flash", "The note was signed and the visit is completed."));
		assertThat(stored(visit).signed()).isTrue();
		assertThat(CurrentTenant.callAs(clinic, () -> visits.find(visit)).orElseThrow().status())
				.isEqualTo(VisitStatus.COMPLETED);

		mvc.perform(post("/visits/{v}/note/addenda", visit.id()).with(ptAlex).with(csrf())
				.param("body", "Patient called: pain eased."))
				.andExpect(redirectedUrl("/visits/" + visit.id() + "/note"));
		mvc.perform(get("/visits/{v}/note", visit.id()).with(ptAlex))
				.andExpect(content().string(allOf(containsString("Signed by pt.alex"), containsString("Minutes: 32"),
						containsString("Patient called: pain eased."), containsString("Sign and add"),
						not(containsString("Save the draft")))));

		// the signed note is not a form any more: a draft posted now changes nothing and says so
		mvc.perform(note(visit, "Changed afterwards.", "32", "2"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("This note was signed meanwhile")));
		assertThat(stored(visit).sections().subjective()).isEqualTo("Knee stiff.");
	}

	@Test
	void theHtmxPanelComesBackAloneAfterEachChange() throws Exception {

		var visit = visit(minutesAgo(5), "BOOKED");

		mvc.perform(get("/visits/{v}/note", visit.id()).with(ptAlex).header("HX-Request", "true"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("<div id=\"visit-note\""), not(containsString("<html")), not(containsString("<nav")),
						containsString("hx-post=\"/visits/" + visit.id() + "/note\""),
						containsString("hx-post=\"/visits/" + visit.id() + "/note/sign\""),
						containsString("hx-target=\"#visit-note\""))));

		mvc.perform(note(visit, "Knee stiff.", "30", "0").header("HX-Request", "true"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("<div id=\"visit-note\""), containsString("The draft was saved."),
						containsString("name=\"version\" value=\"1\""))));
		mvc.perform(post("/visits/{v}/note/sign", visit.id()).with(ptAlex).with(csrf()).header("HX-Request", "true")
				.param("subjective", "Knee stiff.").param("objective", "Squat to 90 degrees.").param("assessment", "Improving.")
				.param("plan", "Add step-ups.").param("minutes", "30").param("version", "1"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("<div id=\"visit-note\""),
						containsString("The note was signed and the visit is completed."),
						containsString("hx-post=\"/visits/" + visit.id() + "/note/addenda\""))));
	}

	@Test
	void badInputIsAnsweredOnThePageAndStoresNothing() throws Exception {

		var visit = visit(minutesAgo(5), "BOOKED");

		// NUL and oversize text never reach the page's controller: the web layer's guard answers them on its error page
		mvc.perform(note(visit, "Knee\u0000stiff", "30", "0"))
				.andExpect(status().isBadRequest());
		mvc.perform(note(visit, "x".repeat(100_000), "30", "0"))
				.andExpect(status().isBadRequest());
		mvc.perform(post("/visits/{v}/note/addenda", visit.id()).with(ptAlex).with(csrf()).param("body", "y".repeat(100_000)))
				.andExpect(status().isBadRequest());
		// sent by htmx (the panel, also in the video room): the answer says what to correct and where the page shows it
		mvc.perform(note(visit, "Knee\u0000stiff", "30", "0").header("HX-Request", "true"))
				.andExpect(status().isBadRequest())
				.andExpect(header().string("HX-Retarget", "#htmx-refusal"))
				.andExpect(header().string("HX-Reselect", "#htmx-refusal-text"))
				.andExpect(content().string(allOf(containsString("<p id=\"htmx-refusal-text\">"),
						containsString("invisible control characters. Correct it and send it again."), not(containsString("<html")))));
		mvc.perform(note(visit, "x".repeat(100_000), "30", "0").header("HX-Request", "true")
				.header("Accept-Language", "es"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("demasiado largo para guardarlo (como máximo 10")));
		mvc.perform(note(visit, "Knee stiff.", "half an hour", "0"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Give the minutes as a whole number from 1 to 600.")));
		mvc.perform(note(visit, "Knee stiff.", "99999999999", "0"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Give the minutes as a whole number from 1 to 600.")));
		mvc.perform(post("/visits/{v}/note/sign", visit.id()).with(ptAlex).with(csrf()).param("subjective", "Knee stiff.")
				.param("minutes", "30").param("version", "0"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Fill this in before signing."),
						containsString("aria-invalid=\"true\""), containsString("Knee stiff."))));
		assertThat(stored(visit)).isNull();

		// a stale form: what was typed stays on the page, with the stored version to save over it knowingly
		mvc.perform(note(visit, "From the first tab.", "30", "0")).andExpect(status().is3xxRedirection());
		mvc.perform(note(visit, "From the second tab.", "30", "1")).andExpect(status().is3xxRedirection());
		mvc.perform(note(visit, "From a stale tab.", "30", "1"))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("This note changed since you opened it"),
						containsString("From a stale tab."), containsString("name=\"version\" value=\"2\""))));
		assertThat(stored(visit).sections().subjective()).isEqualTo("From the second tab.");
		mvc.perform(note(visit, "From a stale tab.", "30", "not a number"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("This note changed since you opened it")));

		var cancelled = visit(minutesAgo(60 * 3), "CANCELLED");
		mvc.perform(get("/visits/{v}/note", cancelled.id()).with(ptAlex))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("This visit was cancelled: it takes no note."),
						not(containsString("Save the draft")))));
		mvc.perform(note(cancelled, "Knee stiff.", "30", "0"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("This visit was cancelled: it takes no note.")));
		assertThat(stored(cancelled)).isNull();

		mvc.perform(post("/visits/{v}/note/addenda", visit.id()).with(ptAlex).with(csrf()).param("body", "Too early."))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Addenda are added to a signed note: sign the note first.")));
	}

	@Test
	void anotherClinicianIsToldTheVisitDoesNotExist() throws Exception {

		var visit = visit(minutesAgo(5), "BOOKED");

		mvc.perform(get("/visits/{v}/note", visit.id()).with(ptSam)).andExpect(status().isNotFound());
		mvc.perform(post("/visits/{v}/note", visit.id()).with(ptSam).with(csrf()).param("subjective", "Not mine.")
				.param("version", "0")).andExpect(status().isNotFound());
		mvc.perform(post("/visits/{v}/note/sign", visit.id()).with(ptSam).with(csrf()).param("version", "0"))
				.andExpect(status().isNotFound());
		mvc.perform(post("/visits/{v}/note/addenda", visit.id()).with(ptSam).with(csrf()).param("body", "Not mine."))
				.andExpect(status().isNotFound());
		mvc.perform(get("/visits/{v}/note", UUID.randomUUID()).with(ptAlex)).andExpect(status().isNotFound());
		assertThat(stored(visit)).isNull();
	}

	@Test
	void theAgendaLinksTheNoteAndTheReportCountsItsMinutes() throws Exception {

		var visit = visit(minutesAgo(5), "BOOKED");
		var later = visit(Instant.now().plus(Duration.ofHours(3)), "BOOKED");

		mvc.perform(get("/schedule").with(ptAlex))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("href=\"/visits/" + visit.id() + "/note\""),
						not(containsString("href=\"/visits/" + later.id() + "/note\"")))));

		mvc.perform(post("/visits/{v}/note/sign", visit.id()).with(ptAlex).with(csrf()).param("subjective", "Knee stiff.")
				.param("objective", "Squat to 90 degrees.").param("assessment", "Improving.").param("plan", "Add step-ups.")
				.param("minutes", "34").param("version", "0"))
				.andExpect(status().is3xxRedirection());

		mvc.perform(get("/admin/visit-minutes").with(admin))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(containsString("Visit minutes"), containsString("Alex Morgan, PT"),
						containsString("1 visit, 34 minutes"), not(containsString("Sam Patel, PT")))));
		mvc.perform(get("/admin/visit-minutes").with(ptAlex)).andExpect(status().isForbidden());
	}
}
