package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.Visits;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * The whole of booking as the issue names it: on a phone-sized screen demo patient Maya books a
 * follow-up with her therapist, pt.alex finds it on his agenda, Maya moves it to another day, and
 * the emails she gets (through a real SMTP server) carry calendar invitations that parse and follow
 * the visit: the same UID, a higher SEQUENCE and the new start after the move. Every page on the way
 * passes axe-core's WCAG 2.1 AA rules.
 */
class VisitsEndToEndTests extends BrowserTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");
	static final String MAYAS_EMAIL = "patient.maya@example.org";

	@Autowired Visits visits;
	@Autowired Hosts hosts;
	@Autowired PatientDirectory patients;

	@Test
	void aPatientBooksTheTherapistSeesItThePatientMovesItAndTheInvitationsFollow() throws Exception {

		var maya = CurrentTenant.callAs(NORTHSIDE, () -> patients.findByUsername("patient.maya")).orElseThrow();
		var alex = CurrentTenant.callAs(NORTHSIDE, () -> hosts.findByUsername("pt.alex")).orElseThrow();
		var violations = new ArrayList<String>();

		// Maya books the first open follow-up with Alex from her phone
		browser.manage().window().setSize(new Dimension(390, 844));
		signIn("patient.maya");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		browser.findElement(By.linkText("Visits")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		violations.addAll(Accessibility.violations(browser));
		var before = booked(maya.id());
		browser.findElement(By.linkText("Book a visit")).click();
		waiting.until(ExpectedConditions.elementToBeClickable(By.linkText("Follow-up with " + alex.displayName()))).click();
		var firstTime = waiting.until(ExpectedConditions.elementToBeClickable(By.name("startsAt")));
		violations.addAll(Accessibility.violations(browser));
		var startsAt = Instant.parse(firstTime.getAttribute("value"));
		firstTime.click();
		browser.findElement(By.xpath("//button[normalize-space()='Book this time']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		assertThat(browser.findElement(By.className("flash")).getText()).startsWith("Booked: Follow-up with " + alex.displayName());
		var after = booked(maya.id());
		after.removeAll(before);
		assertThat(after).hasSize(1);
		var visitId = after.iterator().next();
		assertThat(visit(visitId).startsAt()).isEqualTo(startsAt);

		// Alex, on his own phone, finds it on his agenda for that day, in his time zone
		freshBrowser();
		browser.manage().window().setSize(new Dimension(390, 844));
		signIn("pt.alex");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/caseload"));
		var day = startsAt.atZone(alex.zone()).toLocalDate();
		browser.get(appUrl() + "/schedule?view=day&date=" + day);
		var time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.US).format(startsAt.atZone(alex.zone()));
		var line = waiting.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
				"//li[contains(@class,'schedule-visit')][.//a[normalize-space()='Maya Okafor']][contains(normalize-space(.),'"
						+ time + "')]")));
		assertThat(line.getText()).contains("Follow-up", "Booked");
		violations.addAll(Accessibility.violations(browser));

		// Maya moves it to another day
		freshBrowser();
		browser.manage().window().setSize(new Dimension(390, 844));
		signIn("patient.maya");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		browser.get(appUrl() + "/portal/visits");
		browser.findElement(By.cssSelector("a[href$='/portal/visits/" + visitId + "/reschedule']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.name("startsAt")));
		violations.addAll(Accessibility.violations(browser));
		browser.findElements(By.cssSelector("ul.days a")).stream()
				.filter(it -> it.getAttribute("aria-current") == null && !it.getText().startsWith("Later")
						&& !it.getText().startsWith("Earlier"))
				.findFirst().orElseThrow().click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.days a[aria-current]")));
		var newTime = browser.findElements(By.name("startsAt")).getFirst();
		var movedTo = Instant.parse(newTime.getAttribute("value"));
		newTime.click();
		browser.findElement(By.xpath("//button[normalize-space()='Move to this time']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		assertThat(visit(visitId)).extracting(Visit::startsAt, Visit::rescheduled).containsExactly(movedTo, 1);
		violations.addAll(Accessibility.violations(browser));

		// the confirmation and the move each reached her with an invitation her calendar can read
		var booking = invitation(visitId, 0);
		assertThat(property(booking, "METHOD")).isEqualTo("REQUEST");
		assertThat(Instant.parse(eventProperty(booking, "DTSTART").replaceAll(
				"(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z", "$1-$2-$3T$4:$5:$6Z"))).isEqualTo(startsAt);
		var move = invitation(visitId, 1);
		assertThat(property(move, "METHOD")).isEqualTo("REQUEST");
		assertThat(Instant.parse(eventProperty(move, "DTSTART").replaceAll(
				"(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z", "$1-$2-$3T$4:$5:$6Z"))).isEqualTo(movedTo);
		assertThat(eventProperty(move, "SUMMARY")).doesNotContain("Maya", "Okafor", "Follow-up");

		assertThat(violations).as("pages on the way").isEmpty();
	}

	Set<VisitId> booked(health.stride.patients.PatientId patient) {
		var booked = new HashSet<VisitId>();
		CurrentTenant.callAs(NORTHSIDE, () -> visits.ofPatient(patient)).stream().filter(Visit::isBooked).map(Visit::id)
				.forEach(booked::add);
		return booked;
	}

	Visit visit(VisitId id) {
		return CurrentTenant.callAs(NORTHSIDE, () -> visits.find(id)).orElseThrow();
	}

	/** Waits for the email to Maya whose invitation is this visit's at this sequence, and parses it. */
	Calendar invitation(VisitId visit, int sequence) {
		var uid = "visit-" + visit + "@stride";
		return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
				.until(() -> TestMail.to(MAYAS_EMAIL).stream().map(VisitsEndToEndTests::calendarOf)
						.filter(it -> it != null && uid.equals(eventProperty(it, "UID"))
								&& String.valueOf(sequence).equals(eventProperty(it, "SEQUENCE")))
						.findFirst().orElse(null), java.util.Objects::nonNull);
	}

	static Calendar calendarOf(MimeMessage message) {
		try {
			if (!(message.getContent() instanceof Multipart parts)) {
				return null;
			}
			for (int i = 0; i < parts.getCount(); i++) {
				var part = parts.getBodyPart(i);
				if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
						&& part.getContentType().startsWith("text/calendar")) {
					return new CalendarBuilder().build(new StringReader(new String(part.getInputStream().readAllBytes(),
							StandardCharsets.UTF_8)));
				}
			}
			return null;
		} catch (Exception unreadable) {
			throw new AssertionError("an email to Maya carries an invitation that does not parse", unreadable);
		}
	}

	static String property(Calendar calendar, String name) {
		return calendar.getProperty(name).orElseThrow().getValue();
	}

	static String eventProperty(Calendar calendar, String name) {
		java.util.List<VEvent> events = calendar.getComponents("VEVENT");
		return events.getFirst().getProperty(name).orElseThrow().getValue();
	}
}
