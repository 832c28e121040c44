package health.stride.app;

import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import health.stride.app.security.Tokens;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A reader of Spanish gets the session pages, the exercise library and the session API's problems in
 * Spanish, the shared exercises and the seeded plan's words included.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ProgramsInSpanishTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;
	@Autowired CareTeams careTeams;
	@Autowired ProgramTemplates templates;
	@Autowired Plans plans;

	String north;

	@BeforeEach
	void aPatientWithTheFlarePlan() {
		north = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant().value();
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> CurrentTenant.callAs(TenantId.of(north), templates::all).size() == 5);
		CurrentTenant.runAs(TenantId.of(north), () -> {
			var ana = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.ana", "Ana", "Tester",
					LocalDate.of(1980, 1, 1), "ana@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(ana, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			var flare = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow();
			plans.assign(ana, flare.id(), new StrideUser("x", "pt.alex", List.of(TenantId.of(north)), Set.of(Role.THERAPIST)));
		});
	}

	@Test
	void theSessionPageReadsInSpanishWithTheSharedExercisesAndThePlanInSpanish() throws Exception {

		var patient = Tokens.browser("patient.ana", List.of(north), "patient");
		mvc.perform(get("/portal/session").with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("La sesión de hoy")))
				.andExpect(content().string(containsString("el semáforo del dolor")))
				.andExpect(content().string(containsString("Crisis de dolor de espalda: movilidad suave · Mientras se calma la crisis")))
				.andExpect(content().string(containsString("Inclinación pélvica")))
				.andExpect(content().string(containsString("Acuéstese boca arriba con las rodillas dobladas")))
				.andExpect(content().string(containsString("Empiece con las que le resulten fáciles")))
				.andExpect(content().string(containsString("Me dolió")))
				.andExpect(content().string(containsString("Guardar mi sesión")))
				.andExpect(content().string(not(containsString("Pelvic Tilt"))))
				.andExpect(content().string(not(containsString("Save my session"))));

		mvc.perform(post("/portal/session").with(csrf()).with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es")
				.param("idempotencyKey", UUID.randomUUID().toString()).param("painBefore", "2")
				.param("exercises[0].exerciseSlug", "pelvic-tilt").param("exercises[0].status", "skipped"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Revise algunas respuestas")))
				.andExpect(content().string(containsString("Indique por qué no lo hizo")))
				.andExpect(content().string(containsString("Califique el dolor de 0")));

		mvc.perform(get("/portal/session/light?pain=5").with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(content().string(containsString("Afloje")));
	}

	@Test
	void theSessionSavedWalkProgressAndOutcomesPagesReadInSpanish() throws Exception {

		var patient = Tokens.browser("patient.ana", List.of(north), "patient");
		var spanish = Locale.of("es");
		mvc.perform(post("/portal/session").with(csrf()).with(patient).locale(spanish)
				.param("idempotencyKey", UUID.randomUUID().toString()).param("painBefore", "2").param("painAfter", "3")
				.param("symptomShift", "PERIPHERALIZING").param("effort", "HARD")
				.param("exercises[0].exerciseSlug", "pelvic-tilt").param("exercises[0].status", "done")
				.param("exercises[0].setsDone", "1").param("exercises[0].repsDone", "6")
				.param("exercises[1].exerciseSlug", "knee-hug").param("exercises[1].status", "skipped")
				.param("exercises[1].skipReason", "NO_TIME"))
				.andExpect(redirectedUrl("/portal/session/done"));
		mvc.perform(get("/portal/session/done").with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Baje la intensidad por ahora")))
				.andExpect(content().string(containsString("Dolor: 2 antes, 3 después. 1 de 2 ejercicios hechos.")))
				.andExpect(content().string(containsString("Inclinación pélvica: 1 serie")))
				.andExpect(content().string(containsString("Rodilla al pecho: no lo hizo (No tuve tiempo)")))
				.andExpect(content().string(containsString("Caminata de hoy: 5 minutos, 3 veces al día.")));

		mvc.perform(post("/portal/walk").with(csrf()).with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es")
				.param("idempotencyKey", UUID.randomUUID().toString()).param("minutes", "700").param("surface", "FLAT"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Registrar una caminata")))
				.andExpect(content().string(containsString("¿Cuántos minutos caminó? De 1 a 600.")))
				.andExpect(content().string(containsString("Terreno plano")));
		mvc.perform(post("/portal/walk").with(csrf()).with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es")
				.param("idempotencyKey", UUID.randomUUID().toString()).param("minutes", "12").param("surface", "FLAT")
				.param("painBefore", "3").param("painAfter", "2").param("symptomShift", "CENTRALIZING"))
				.andExpect(flash().attribute("flash", "Caminata guardada: 12 minutos, dolor 3 antes y 2 después. "
						+ "Que el dolor se mueva hacia el centro de la espalda es buena señal."));

		mvc.perform(get("/portal/progress").with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Mi progreso")))
				.andExpect(content().string(containsString("sesiones registradas")))
				.andExpect(content().string(containsString("Dolor (0–10) a lo largo del tiempo")))
				.andExpect(content().string(containsString("Empezó en 2, la última es 2; 1 calificación.")))
				.andExpect(content().string(containsString("Ver los números")));
		mvc.perform(get("/portal/psfs").with(patient).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(content().string(containsString("No hay actividades para calificar")));

		mvc.perform(get("/admin/outcomes").with(Tokens.browser("admin.nora", List.of(north), "clinic-admin"))
				.header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Cambio mediano del dolor a las 4 semanas")))
				.andExpect(content().string(containsString("Todavía no hay suficientes pacientes")));
		mvc.perform(get("/library/new").with(Tokens.browser("pt.alex", List.of(north), "therapist"))
				.header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Agregar un ejercicio propio de la clínica")))
				.andExpect(content().string(containsString("Acostado boca arriba")))
				.andExpect(content().string(containsString("sesgo de extensión")));
	}

	@Test
	void theLibraryReadsInSpanishAndFindsASharedExerciseByItsSpanishName() throws Exception {

		var therapist = Tokens.browser("pt.alex", List.of(north), "therapist");
		mvc.perform(get("/library").with(therapist).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Biblioteca de ejercicios")))
				.andExpect(content().string(containsString("Puente de glúteos")))
				.andExpect(content().string(containsString("Gato-camello")))
				.andExpect(content().string(containsString("zona lumbar")))
				.andExpect(content().string(not(containsString("Glute Bridge"))));
		mvc.perform(get("/library?q=gluteos").with(therapist).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(content().string(containsString("Puente de glúteos")))
				.andExpect(content().string(not(containsString("Gato-camello"))));
		mvc.perform(get("/library/glute-bridge").with(therapist).header(HttpHeaders.ACCEPT_LANGUAGE, "es"))
				.andExpect(content().string(containsString("Cómo hacerlo")))
				.andExpect(content().string(containsString("Empuje con los talones")))
				.andExpect(content().string(containsString("Posición inicial: Acostado boca arriba")));
		mvc.perform(get("/library").with(therapist))
				.andExpect(content().string(containsString("Exercise library")))
				.andExpect(content().string(containsString("Glute Bridge")));
	}

	@Test
	void theSessionApiExplainsItsProblemsInSpanish() throws Exception {

		mvc.perform(post("/api/me/sessions").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.ACCEPT_LANGUAGE, "es")
				.content("""
						{"idempotencyKey": "k-%s", "painBefore": 2, "painAfter": 2, "symptomShift": "NONE",
						 "exercises": [{"exerciseSlug": "pelvic-tilt", "setsDone": 1}]}""".formatted(UUID.randomUUID()))
				.with(Tokens.bearer("patient.nobody", List.of(north), "patient")))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.detail").value("Usted no tiene un expediente de paciente en esta clínica."));

		mvc.perform(post("/api/me/sessions").contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.ACCEPT_LANGUAGE, "es")
				.content("""
						{"idempotencyKey": "k-%s", "painBefore": 11, "painAfter": 2, "symptomShift": "NONE",
						 "exercises": [{"exerciseSlug": "pelvic-tilt", "setsDone": 1}]}""".formatted(UUID.randomUUID()))
				.with(Tokens.bearer("patient.ana", List.of(north), "patient")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("painBefore"))
				.andExpect(jsonPath("$.errors[0].message").value("Califique el dolor de 0 (nada) a 10 (el peor que se pueda imaginar)."));
	}
}
