package health.stride.app;

import static org.assertj.core.api.Assertions.*;
import static org.hamcrest.Matchers.*;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.*;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import health.stride.app.security.Tokens;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;

/**
 * A clinician's calendar feed page and the public feed: the address is shown once, opens without
 * signing in, stops working when replaced or revoked, and is rationed per client address.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CalendarFeedPagesTests {

	@Autowired MockMvc mvc;
	@Autowired ClinicRegistry clinics;
	@Autowired Hosts hosts;

	TenantId clinic;
	RequestPostProcessor therapist;

	@BeforeEach
	void aClinicAndATherapistWhoHoldsVisits() {
		clinic = clinics.register(TenantId.of("feeds-" + UUID.randomUUID()), "North").tenant();
		CurrentTenant.runAs(clinic, () -> hosts.enlist(UUID.randomUUID(), "pt.sam", "Sam Lee, PT", HostKind.THERAPIST));
		therapist = Tokens.browser("pt.sam", List.of(clinic.value()), "therapist");
	}

	/** Makes a feed on the page and returns the path of its address, shown on the page that follows only. */
	String makeFeed() throws Exception {
		var made = mvc.perform(post("/schedule/calendar-feed").with(therapist).with(csrf()))
				.andExpect(redirectedUrl("/schedule/calendar-feed"))
				.andReturn();
		var url = (String) made.getFlashMap().get("feedUrl");
		assertThat(url).matches(".*/calendar/[A-Za-z0-9_-]{43}\\.ics");
		mvc.perform(get("/schedule/calendar-feed").with(therapist).flashAttrs(made.getFlashMap()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(url)));
		mvc.perform(get("/schedule/calendar-feed").with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(allOf(not(containsString(url)), containsString("Your current feed was made on"))));
		return url.substring(url.indexOf("/calendar/"));
	}

	@Test
	void showsTheAddressOnceAndServesTheFeedWithoutSigningInUntilReplacedOrRevoked() throws Exception {

		mvc.perform(get("/schedule/calendar-feed").with(therapist))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("You have no calendar feed.")));

		var first = makeFeed();
		mvc.perform(get(first))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/calendar"))
				.andExpect(header().string("Cache-Control", containsString("no-store")))
				.andExpect(content().string(allOf(startsWith("BEGIN:VCALENDAR"), containsString("METHOD:PUBLISH"))));

		var second = makeFeed();
		mvc.perform(get(first)).andExpect(status().isNotFound());
		mvc.perform(get(second)).andExpect(status().isOk());

		mvc.perform(post("/schedule/calendar-feed/revocation").with(therapist).with(csrf()))
				.andExpect(redirectedUrl("/schedule/calendar-feed"));
		mvc.perform(get(second)).andExpect(status().isNotFound());
		mvc.perform(get("/calendar/" + "A".repeat(43) + ".ics")).andExpect(status().isNotFound());
	}

	@Test
	void findsNoScheduleForAClinicianWhoHoldsNoVisitsOrWorksElsewhere() throws Exception {

		var other = clinics.register(TenantId.of("other-" + UUID.randomUUID()), "Other").tenant();
		mvc.perform(get("/schedule/calendar-feed").with(Tokens.browser("pt.sam", List.of(other.value()), "therapist")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/schedule/calendar-feed").with(Tokens.browser("coach.new", List.of(clinic.value()), "coach")))
				.andExpect(status().isNotFound());
		mvc.perform(get("/schedule/calendar-feed").with(Tokens.browser("patient.maya", List.of(clinic.value()), "patient")))
				.andExpect(status().isForbidden());
	}

	@Test
	void rationsFetchesPerClientAddress() throws Exception {

		var feed = makeFeed();
		RequestPostProcessor fromOneAddress = request -> {
			request.setRemoteAddr("198.51.100.7");
			return request;
		};
		for (int i = 0; i < 120; i++) {
			mvc.perform(get(i % 2 == 0 ? feed : "/calendar/" + UUID.randomUUID() + ".ics").with(fromOneAddress));
		}
		mvc.perform(get(feed).with(fromOneAddress))
				.andExpect(status().isTooManyRequests())
				.andExpect(header().exists("Retry-After"));
		mvc.perform(get(feed)).andExpect(status().isOk()); // another address has its own ration
	}
}
