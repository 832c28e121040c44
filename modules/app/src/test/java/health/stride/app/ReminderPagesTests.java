package health.stride.app;

import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import health.stride.app.security.Tokens;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * The reminders page as a browser posts it: a time that is none, a day that does not exist, a time in
 * the quiet hours or nothing at all come back as the page with its field errors; a NUL or 100,000
 * characters are turned away before it, as on every page; never a 500, nothing stored; a good form is
 * saved and redirected.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReminderPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired PatientDirectory patients;

	OidcLoginRequestPostProcessor maya;

	@BeforeEach
	void maya() {
		var clinic = clinics.register(TenantId.of("north-" + UUID.randomUUID()), "North").tenant();
		CurrentTenant.runAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya",
				"Maya", "Okafor", LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA", "America/Los_Angeles")));
		maya = Tokens.browser("patient.maya", List.of(clinic.value()), "patient");
	}

	MockHttpServletRequestBuilder form(String at, String day, String quietFrom, String quietUntil) {
		return post("/portal/reminders").with(maya).with(csrf()).param("enabled", "true").param("at", at)
				.param("days", day).param("quietFrom", quietFrom).param("quietUntil", quietUntil).param("email", "true");
	}

	@Test
	void showsThePatientsRemindersOffAtFirstAndWithoutPushWhenNoKeysAreSet() throws Exception {

		mvc.perform(get("/portal/reminders").with(maya)).andExpect(status().isOk())
				.andExpect(content().string(containsString("Exercise reminders")))
				.andExpect(content().string(containsString("value=\"18:00\"")))
				.andExpect(content().string(not(containsString("push-device"))))
				.andExpect(content().string(not(containsString("id=\"enabled\" type=\"checkbox\" name=\"enabled\" value=\"true\" checked"))));
		mvc.perform(get("/portal/reminders").with(maya).header("Accept-Language", "es")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Recordatorios de ejercicio")));
	}

	@Test
	void answersEveryBadFormWithTheFormAndItsErrors() throws Exception {

		// what no field could hold is turned away before the page, as on every page (the error page says why)
		mvc.perform(form("18:00\u0000", "MONDAY", "21:00", "08:00")).andExpect(status().isBadRequest());
		mvc.perform(form("9".repeat(100_000), "MONDAY", "21:00", "08:00")).andExpect(status().isBadRequest());
		mvc.perform(form("25:00", "MONDAY", "21:00", "08:00")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Enter a time such as 18:30.")));
		mvc.perform(form("18:00", "MONDAY", "21:00", "6 pm")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Enter a time such as 18:30.")));
		mvc.perform(form("18:00", "FUNDAY", "21:00", "08:00")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose days from the list.")));
		mvc.perform(form("22:00", "MONDAY", "21:00", "08:00")).andExpect(status().isOk())
				.andExpect(content().string(containsString("This time is in your quiet hours")));
		mvc.perform(form("18:00", "MONDAY", "21:00", "21:00")).andExpect(status().isOk())
				.andExpect(content().string(containsString("Quiet hours need to end at another time")));
		mvc.perform(post("/portal/reminders").with(maya).with(csrf())).andExpect(status().isOk())
				.andExpect(content().string(containsString("Enter a time such as 18:30.")));
		mvc.perform(get("/portal/reminders").with(maya))
				.andExpect(content().string(containsString("value=\"18:00\""))); // nothing stored
	}

	@Test
	void savesAGoodFormAndShowsItAgain() throws Exception {

		mvc.perform(form("07:45", "SATURDAY", "22:00", "07:00")).andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/portal/reminders"))
				.andExpect(flash().attribute("flash", "Your reminders are on."));
		mvc.perform(get("/portal/reminders").with(maya)).andExpect(status().isOk())
				.andExpect(content().string(containsString("value=\"07:45\"")))
				.andExpect(content().string(containsString("value=\"22:00\"")));
	}

	@Test
	void refusesABrowserAddressWhilePushIsNotSetUp() throws Exception {

		mvc.perform(post("/portal/reminders/devices").with(maya).with(csrf()).param("endpoint",
				"https://fcm.googleapis.com/fcm/send/x")).andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("flash", containsString("not one Stride can use")));
	}

	@Test
	void givesTheServiceWorkerTheWordsOfTheNotification() throws Exception {

		mvc.perform(get("/portal/reminders/notification").with(maya)).andExpect(status().isOk())
				.andExpect(jsonPath("$.title").value("North"))
				.andExpect(jsonPath("$.body").value("Time for today's exercises."))
				.andExpect(jsonPath("$.url").value("/portal/session"));
	}
}
