package health.stride.app;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.CoverageQuestion;
import health.stride.eligibility.Engagement;
import health.stride.eligibility.EnrollmentReports;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.Signups;
import health.stride.eligibility.Signups.SignupDetails;
import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorManagement;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * For the local run, where Keycloak is up: signs up a few dozen members of each demo sponsor
 * (real accounts, password {@code stride-demo}) and records some activity, so the sponsor
 * dashboards have something to show. Runs once, in the background, after the demo rosters are in.
 */
@Component
@Profile("demo")
@ConditionalOnBooleanProperty("stride.dev.keycloak.enabled")
class DemoEnrollments {

	private static final Logger LOG = LoggerFactory.getLogger(DemoEnrollments.class);
	private static final int PER_SPONSOR = 36;

	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final CoverageChecks checks;
	private final Signups signups;
	private final Engagement engagement;
	private final EnrollmentReports reports;
	private final TaskExecutor executor;

	DemoEnrollments(SponsorManagement sponsors, RosterImports rosters, CoverageChecks checks, Signups signups,
			Engagement engagement, EnrollmentReports reports,
			@org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.checks = checks;
		this.signups = signups;
		this.engagement = engagement;
		this.reports = reports;
		this.executor = executor;
	}

	@EventListener(ApplicationReadyEvent.class)
	void enroll() {
		executor.execute(() -> DemoData.CLINICS.forEach(clinic -> CurrentTenant.runAs(clinic.id(), () -> {
			try {
				enroll(clinic.sponsor());
			} catch (RuntimeException e) {
				LOG.warn("Could not seed demo enrollments for {}: {}", clinic.sponsor().code(), e.getMessage());
			}
		})));
	}

	private void enroll(DemoData.DemoSponsor demo) {

		var sponsor = sponsors.find(demo.code()).orElseThrow();
		var report = reports.of(sponsor.id());
		if (report.enrolled() == null || report.enrolled() > 0) {
			return; // enrolled before (a count from 1 to 10 is withheld, but still means someone enrolled)
		}

		awaitRoster(sponsor.id());

		var random = new Random(demo.seed());
		var roster = DemoRoster.members(demo.code(), demo.members(), demo.seed());
		var today = LocalDate.now(ZoneOffset.UTC);

		for (var member : roster.subList(3, 3 + PER_SPONSOR)) {

			var answer = checks.check(new CoverageQuestion(demo.code(), member.firstName(), member.lastName(),
					member.dateOfBirth(), member.memberId(), null));
			if (!answer.eligible()) {
				continue;
			}

			var username = "member." + member.memberId().toLowerCase();
			var signedUp = signups.signUpWithoutEmail(answer.checkId(), new SignupDetails(username, username + "@members.example",
					"stride-demo", random.nextBoolean() ? "WA" : "OR", "America/Los_Angeles"));

			// they enrolled today, so today is the only day they can have been active so far
			if (random.nextInt(3) > 0) {
				engagement.recordActivity(signedUp.patientId(), today);
			}
		}

		LOG.info("Signed up demo members of {} (password stride-demo)", demo.code());
	}

	private void awaitRoster(SponsorId sponsor) {

		var deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();

		while (System.nanoTime() < deadline) {
			var latest = rosters.latest(sponsor, 1);
			if (!latest.isEmpty() && latest.get(0).status().finished()) {
				return;
			}
			try {
				Thread.sleep(500);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}
}
