package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientSummary;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Availability;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * On a phone-sized screen, demo patient Maya books a follow-up with her therapist (the first time
 * she chose is taken by someone else just before she confirms, and she is offered the rest), books
 * another, moves the first and cancels the second. Every visits page passes axe-core's WCAG 2.1 AA
 * rules.
 */
class VisitBookingBrowserTests extends BrowserTestSupport {

	static final TenantId NORTHSIDE = TenantId.of("northside");

	@Autowired Hosts hosts;
	@Autowired Schedules schedules;
	@Autowired VisitTypes types;
	@Autowired Visits visits;
	@Autowired PatientDirectory patients;

	PatientSummary maya;
	Host alex;

	/** Alex holds visits in the coming days, whatever the demo data gave him. */
	@BeforeEach
	void alexHasOpenTimes() {
		maya = CurrentTenant.callAs(NORTHSIDE, () -> patients.findByUsername("patient.maya")).orElseThrow();
		alex = CurrentTenant.callAs(NORTHSIDE, () -> hosts.findByUsername("pt.alex")).orElseThrow();
		var followUp = CurrentTenant.callAs(NORTHSIDE, () -> types.find("follow-up")).orElseThrow();
		var now = Instant.now();
		var open = CurrentTenant.callAs(NORTHSIDE, () -> schedules.openSlots(alex.id(), followUp, now,
				now.plus(Duration.ofDays(7)), now.plus(Visits.PATIENT_LEAD)));
		if (open.size() < 10) {
			CurrentTenant.runAs(NORTHSIDE, () -> schedules.change(alex.id(), new Availability(
					ZoneId.of("America/Los_Angeles"), Arrays.stream(DayOfWeek.values())
							.map(day -> new Availability.WeeklyHours(day, LocalTime.of(8, 0), LocalTime.of(18, 0))).toList(),
					List.of(), Duration.ofMinutes(10), 12)));
		}
	}

	Set<VisitId> mayasBooked() {
		var booked = new HashSet<VisitId>();
		CurrentTenant.callAs(NORTHSIDE, () -> visits.ofPatient(maya.id())).stream().filter(Visit::isBooked)
				.map(Visit::id).forEach(booked::add);
		return booked;
	}

	Visit visit(VisitId id) {
		return CurrentTenant.callAs(NORTHSIDE, () -> visits.find(id)).orElseThrow();
	}

	/** From the visits page: the follow-up with Alex, the times of the first day offered. */
	void startBookingAFollowUp(List<String> violations) {
		browser.findElement(By.linkText("Book a visit")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits/new"));
		violations.addAll(Accessibility.violations(browser));
		browser.findElement(By.linkText("Follow-up with " + alex.displayName())).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.name("startsAt")));
		assertThat(browser.findElement(By.id("chosen")).getText()).isEqualTo("Follow-up with " + alex.displayName());
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Times are shown in America/Los_Angeles");
	}

	List<WebElement> times() {
		return browser.findElements(By.name("startsAt"));
	}

	VisitId bookedNow(Set<VisitId> before) {
		var after = mayasBooked();
		after.removeAll(before);
		assertThat(after).hasSize(1);
		return after.iterator().next();
	}

	@Test
	void aPatientBooksAFollowUpSeesItMovesItAndCancelsAnother() {

		browser.manage().window().setSize(new Dimension(390, 844));
		var violations = new ArrayList<String>();

		signIn("patient.maya");
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal"));
		browser.findElement(By.linkText("Visits")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		violations.addAll(Accessibility.violations(browser));

		// the first time she picks goes to someone else while she looks at it
		var before = mayasBooked();
		startBookingAFollowUp(violations);
		violations.addAll(Accessibility.violations(browser));
		var first = times().getFirst();
		var takenAt = Instant.parse(first.getAttribute("value"));
		first.click();
		CurrentTenant.runAs(NORTHSIDE, () -> {
			var ruth = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.ruth-" + UUID.randomUUID(),
					"Ruth", "Quick", LocalDate.of(1990, 5, 1), "ruth@example.org", null, "WA", "America/Los_Angeles"));
			visits.book(new StrideUser("x", "admin.nora", List.of(NORTHSIDE), Set.of(Role.CLINIC_ADMIN)), ruth, alex.id(),
					"follow-up", takenAt);
		});
		browser.findElement(By.xpath("//button[normalize-space()='Book this time']")).click();
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-error")));
		assertThat(browser.findElement(By.id("booking-error")).getText()).contains("Someone just took that time");
		assertThat(times()).extracting(it -> it.getAttribute("value")).isNotEmpty().doesNotContain(takenAt.toString());
		violations.addAll(Accessibility.violations(browser));

		// she takes the next time instead
		var chosen = Instant.parse(times().getFirst().getAttribute("value"));
		times().getFirst().click();
		browser.findElement(By.xpath("//button[normalize-space()='Book this time']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		assertThat(browser.findElement(By.className("flash")).getText()).startsWith("Booked: Follow-up with " + alex.displayName());
		var followUp = bookedNow(before);
		assertThat(visit(followUp).startsAt()).isEqualTo(chosen);
		var line = browser.findElement(By.xpath("//ul[contains(@class,'upcoming')]/li[.//a[contains(@href,'" + followUp
				+ "')]]"));
		assertThat(line.getText()).contains("Follow-up", alex.displayName()).doesNotContainIgnoringCase("late");
		violations.addAll(Accessibility.violations(browser));

		// a second one, to cancel
		before = mayasBooked();
		startBookingAFollowUp(violations);
		times().getLast().click();
		browser.findElement(By.xpath("//button[normalize-space()='Book this time']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		var another = bookedNow(before);

		// she moves the first to another time
		browser.findElement(By.cssSelector("a[href$='/portal/visits/" + followUp + "/reschedule']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.name("startsAt")));
		violations.addAll(Accessibility.violations(browser));
		var laterDay = browser.findElements(By.cssSelector("ul.days a")).stream()
				.filter(it -> it.getAttribute("aria-current") == null && !it.getText().startsWith("Later")
						&& !it.getText().startsWith("Earlier"))
				.findFirst().orElseThrow();
		laterDay.click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.days a[aria-current]")));
		var movedTo = Instant.parse(times().getFirst().getAttribute("value"));
		times().getFirst().click();
		browser.findElement(By.xpath("//button[normalize-space()='Move to this time']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		assertThat(browser.findElement(By.className("flash")).getText()).startsWith("Your visit is moved to");
		assertThat(visit(followUp)).extracting(Visit::startsAt, Visit::rescheduled).containsExactly(movedTo, 1);

		// and cancels the other, with a reason
		browser.findElement(By.cssSelector("a[href$='/portal/visits/" + another + "/cancel']")).click();
		waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
		violations.addAll(Accessibility.violations(browser));
		browser.findElement(By.id("reason")).sendKeys("Feeling much better");
		browser.findElement(By.xpath("//button[normalize-space()='Cancel the visit']")).click();
		waiting.until(ExpectedConditions.urlToBe(appUrl() + "/portal/visits"));
		assertThat(browser.findElement(By.className("flash")).getText()).isEqualTo("Your visit is cancelled.");
		assertThat(visit(another).status()).isEqualTo(VisitStatus.CANCELLED);
		assertThat(visit(followUp).status()).isEqualTo(VisitStatus.BOOKED);
		assertThat(browser.findElement(By.cssSelector("ul.past")).getText()).contains("Cancelled");
		violations.addAll(Accessibility.violations(browser));

		assertThat(violations).as("visits pages").isEmpty();
	}
}
