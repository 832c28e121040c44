package health.stride.app;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientSummary;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.VisitId;
import health.stride.visits.VisitMissed;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * A few demo visits, so the agenda, the portal home and the caseload show visits from the first
 * start (the demo clinicians' office hours come first, from {@link DemoData}): Maya has a follow-up with pt.alex on the next working day and a coaching call with coach.rio a week
 * later, Noah a follow-up in a few days, and Grace missed a follow-up on the last working day (stored
 * as missed: booking refuses the past). Run for the current clinic, once: nothing changes when the
 * visits are there.
 */
@Component
@Profile("demo")
class DemoVisits {

	private static final Logger LOG = LoggerFactory.getLogger(DemoVisits.class);

	private final Hosts hosts;
	private final Visits visits;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	DemoVisits(Hosts hosts, Visits visits, VisitTypes types, PatientDirectory patients,
			ApplicationEventPublisher events, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.hosts = hosts;
		this.visits = visits;
		this.types = types;
		this.patients = patients;
		this.events = events;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** The visits of Northside's demo patients; the tenant must be set. */
	void seed() {
		var maya = patients.findByUsername("patient.maya");
		if (maya.isEmpty() || !visits.ofPatient(maya.get().id()).isEmpty() || !typesSeeded()) {
			return;
		}
		var alex = hosts.findByUsername("pt.alex").orElseThrow();
		var rio = hosts.findByUsername("coach.rio").orElseThrow();
		var nextWorkingDay = workingDayFrom(LocalDate.now(alex.zone()).plusDays(1), 1);
		book(maya.get(), alex, "follow-up", nextWorkingDay.atTime(10, 0));
		book(maya.get(), rio, "coaching-call", workingDayFrom(nextWorkingDay.plusDays(7), 1).atTime(11, 0));
		patients.findByUsername("patient.noah")
				.ifPresent(noah -> book(noah, alex, "follow-up", workingDayFrom(nextWorkingDay.plusDays(2), 1).atTime(14, 0)));
		patients.findByUsername("patient.grace").ifPresent(grace -> missed(grace, alex,
				workingDayFrom(LocalDate.now(alex.zone()).minusDays(1), -1).atTime(9, 0).atZone(alex.zone()).toInstant()));
	}

	/** The kinds of visit reach a clinic registered just now a moment after it (from its event). */
	private boolean typesSeeded() {
		for (int i = 0; i < 100; i++) {
			if (types.find("follow-up").isPresent()) {
				return true;
			}
			try {
				Thread.sleep(100);
			} catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		LOG.warn("The visit types of clinic {} are not there yet: no demo visits", CurrentTenant.require());
		return false;
	}

	private void book(PatientSummary patient, Host clinician, String type, java.time.LocalDateTime at) {
		var by = new StrideUser("demo", clinician.username(), List.of(CurrentTenant.require()),
				Set.of(clinician.kind() == health.stride.visits.HostKind.COACH ? Role.COACH : Role.THERAPIST));
		try {
			visits.book(by, patient.id(), clinician.id(), type, at.atZone(clinician.zone()).toInstant());
		} catch (RuntimeException refused) { // a demo visit that does not fit is left out, never a failed start
			LOG.warn("Demo visit of {} not booked: {}", patient.id(), refused.getMessage());
		}
	}

	private void missed(PatientSummary patient, Host clinician, Instant startsAt) {
		var minutes = types.find("follow-up").map(it -> it.minutes()).orElse(30);
		var endsAt = startsAt.plus(Duration.ofMinutes(minutes));
		var id = VisitId.random();
		transaction.executeWithoutResult(status -> {
			jdbc.sql("""
					insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
					                          booked_by, booked_at)
					values (?, ?, ?, 'follow-up', ?, ?, ?, 'MISSED', ?, ?)""")
					.params(id.id(), patient.id().id(), clinician.id(), Timestamp.from(startsAt), Timestamp.from(endsAt),
							Timestamp.from(endsAt), clinician.username(), Timestamp.from(startsAt.minus(Duration.ofDays(6))))
					.update();
			events.publishEvent(new VisitMissed(CurrentTenant.require(), id, patient.id(), clinician.id(), startsAt));
		});
	}

	/** The day itself if it is a weekday, else the next (step 1) or previous (step -1) weekday. */
	static LocalDate workingDayFrom(LocalDate day, int step) {
		var date = day;
		while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
			date = date.plusDays(step);
		}
		return date;
	}
}
