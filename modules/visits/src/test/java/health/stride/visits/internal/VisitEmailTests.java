package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

import health.stride.messaging.internal.EmailNotices;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitId;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.VisitsFixtures;
import health.stride.visits.internal.VisitEmails.Kind;

/**
 * The emails about a patient's visits, through a real SMTP server (GreenMail): one per change with
 * an invitation calendars can read, reminders a day and an hour before, each sent once however many
 * jobs run at once, in the patient's language, and none to a patient who turned emails off.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(TestClock.Replacing.class)
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"stride.public-url=https://stride.example", "stride.visits.email-interval=PT1H" })
class VisitEmailTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private final VisitEmails emails;
	private final Visits visits;
	private final Schedules schedules;
	private final Hosts hosts;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final EmailNotices preferences;
	private final ClinicRegistry clinics;
	private final TestClock clock;

	private TenantId clinic;
	private UUID alex;
	private StrideUser admin;
	private PatientId maya;
	private String email;

	VisitEmailTests(VisitEmails emails, Visits visits, Schedules schedules, Hosts hosts, VisitTypes types,
			PatientDirectory patients, CareTeams careTeams, EmailNotices preferences, ClinicRegistry clinics,
			TestClock clock) {
		this.emails = emails;
		this.visits = visits;
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.preferences = preferences;
		this.clinics = clinics;
		this.clock = clock;
	}

	@BeforeEach
	void mayaAndHerTherapistWhoWorksEveryDay() {
		clock.reset();
		clinic = VisitsFixtures.clinic(clinics, types, "Northside Physio");
		admin = VisitsFixtures.user(clinic, "admin.kim", Role.CLINIC_ADMIN);
		email = "maya-" + UUID.randomUUID() + "@example.org";
		alex = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex",
				"Alex Morgan, PT", HostKind.THERAPIST, LOS_ANGELES, Duration.ZERO)).clinicianId();
		maya = CurrentTenant.callAs(clinic, () -> VisitsFixtures.patient(patients, careTeams, "patient.maya", email,
				new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"), null));
	}

	@AfterEach
	void realTime() {
		clock.reset();
	}

	/** Ten in the morning in Los Angeles, some days from now: inside Alex's hours. */
	Instant inDays(int days) {
		return LocalDate.now(LOS_ANGELES).plusDays(days).atTime(10, 0).atZone(LOS_ANGELES).toInstant();
	}

	VisitId book(Instant startsAt) {
		return CurrentTenant.callAs(clinic, () -> visits.book(admin, maya, alex, "follow-up", startsAt));
	}

	int sendDue() {
		return CurrentTenant.callAs(clinic, emails::sendDue);
	}

	/** Runs the job until the listeners have written what the test waits for, then returns the emails so far. */
	List<MimeMessage> awaitEmails(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			sendDue();
			assertThat(smtp.getReceivedMessages()).hasSize(count);
		});
		return List.of(smtp.getReceivedMessages());
	}

	/** Waits until the listeners have written the email rows for the visit, without sending them. */
	void awaitOwed(VisitId visit, Kind kind) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> CurrentTenant.callAs(clinic,
				() -> emails.owedKinds(visit).contains(kind)));
	}

	static Calendar invitation(MimeMessage message) throws Exception {
		var parts = (Multipart) message.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			var part = parts.getBodyPart(i);
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getContentType().startsWith("text/calendar")) {
				return new CalendarBuilder().build(new StringReader(new String(part.getInputStream().readAllBytes(),
						java.nio.charset.StandardCharsets.UTF_8)));
			}
		}
		throw new AssertionError("no text/calendar attachment");
	}

	/** The plain text of an email, decoded, wherever it sits among the parts. */
	static String text(Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart parts) {
			for (int i = 0; i < parts.getCount(); i++) {
				var found = text(parts.getBodyPart(i));
				if (!found.isEmpty()) {
					return found;
				}
			}
		}
		return "";
	}

	static VEvent event(Calendar calendar) {
		List<VEvent> events = calendar.getComponents("VEVENT");
		assertThat(events).hasSize(1);
		return events.getFirst();
	}

	static String property(Calendar calendar, String name) {
		return calendar.getProperty(name).orElseThrow().getValue();
	}

	static String property(VEvent event, String name) {
		return event.getProperty(name).orElseThrow().getValue();
	}

	static String utc(Instant instant) {
		return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
				.format(instant);
	}

	@Test
	void emailsTheBookingOnceWithAnInvitationCalendarsCanRead() throws Exception {

		var startsAt = inDays(3);
		var visit = book(startsAt);

		var message = awaitEmails(1).getFirst();
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
		assertThat(message.getSubject()).isEqualTo("Your visit is booked");
		var text = text(message);
		assertThat(text).contains("https://stride.example/portal/visits", "Northside Physio")
				.doesNotContain("Maya", "Okafor", "Alex", "Morgan", "Follow-up", "follow-up");

		var calendar = invitation(message);
		assertThat(property(calendar, "METHOD")).isEqualTo("REQUEST");
		var event = event(calendar);
		assertThat(property(event, "UID")).isEqualTo("visit-" + visit.id() + "@stride");
		assertThat(property(event, "SEQUENCE")).isEqualTo("0");
		assertThat(property(event, "DTSTART")).isEqualTo(utc(startsAt));
		assertThat(property(event, "DTEND")).isEqualTo(utc(startsAt.plus(Duration.ofMinutes(30))));
		assertThat(property(event, "SUMMARY")).isEqualTo("Stride visit");
		assertThat(property(event, "URL")).isEqualTo("https://stride.example/portal/visits");

		// the event heard again, and the job run again: nothing more goes out
		CurrentTenant.runAs(clinic, () -> emails.booked(visit, Kind.BOOKED));
		assertThat(sendDue()).isZero();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
	}

	@Test
	void cancellingWithdrawsTheSameEventFromTheCalendar() throws Exception {

		var visit = book(inDays(3));
		awaitEmails(1);
		CurrentTenant.runAs(clinic, () -> visits.cancel(admin, visit, null));

		var cancellation = awaitEmails(2).get(1);
		assertThat(cancellation.getSubject()).isEqualTo("Your visit is cancelled");
		var calendar = invitation(cancellation);
		assertThat(property(calendar, "METHOD")).isEqualTo("CANCEL");
		var event = event(calendar);
		assertThat(property(event, "UID")).isEqualTo("visit-" + visit.id() + "@stride");
		assertThat(Integer.parseInt(property(event, "SEQUENCE"))).isGreaterThan(0);
		assertThat(property(event, "STATUS")).isEqualTo("CANCELLED");
	}

	@Test
	void aMoveSendsAnUpdateWithAHigherSequenceAndMovesTheReminders() throws Exception {

		var first = inDays(3);
		var moved = inDays(5);
		var visit = book(first);
		awaitEmails(1);
		CurrentTenant.runAs(clinic, () -> visits.reschedule(admin, visit, moved));

		var update = awaitEmails(2).get(1);
		assertThat(update.getSubject()).isEqualTo("Your visit has moved");
		var event = event(invitation(update));
		assertThat(property(event, "UID")).isEqualTo("visit-" + visit.id() + "@stride");
		assertThat(property(event, "SEQUENCE")).isEqualTo("1");
		assertThat(property(event, "DTSTART")).isEqualTo(utc(moved));

		clock.set(first.minus(Duration.ofMinutes(30)));
		assertThat(sendDue()).as("no reminder for the time the visit had before").isZero();
		clock.set(moved.minus(Duration.ofHours(24)));
		assertThat(sendDue()).as("the day-before reminder of the new time").isEqualTo(1);
		assertThat(smtp.getReceivedMessages()[2].getSubject()).isEqualTo("Your visit is tomorrow");
	}

	@Test
	void remindsADayAndAnHourBeforeOnceEvenWhenTwoJobsRunAtOnce() throws Exception {

		var startsAt = inDays(3);
		var visit = book(startsAt);
		awaitEmails(1);
		awaitOwed(visit, Kind.REMINDER_1H);

		clock.set(startsAt.minus(Duration.ofHours(25)));
		assertThat(sendDue()).as("a reminder before its time").isZero();

		clock.set(startsAt.minus(Duration.ofHours(24)));
		assertThat(twoJobsAtOnce()).containsExactlyInAnyOrder(0, 1);
		var dayBefore = smtp.getReceivedMessages()[1];
		assertThat(dayBefore.getSubject()).isEqualTo("Your visit is tomorrow");
		assertThat(dayBefore.getContent()).as("a reminder is plain text, no invitation").isInstanceOf(String.class);
		var text = text(dayBefore);
		assertThat(text).contains("your care team", "https://stride.example/portal/visits", "Pacific")
				.doesNotContain("Maya", "Okafor", "Alex", "Morgan", "Follow-up");

		clock.set(startsAt.minus(Duration.ofMinutes(59)));
		assertThat(twoJobsAtOnce()).containsExactlyInAnyOrder(0, 1);
		assertThat(smtp.getReceivedMessages()[2].getSubject()).isEqualTo("Your visit starts in an hour");

		clock.set(startsAt.minus(Duration.ofMinutes(10)));
		assertThat(sendDue()).isZero();
		assertThat(smtp.getReceivedMessages()).hasSize(3);
	}

	List<Integer> twoJobsAtOnce() throws Exception {
		var start = new CountDownLatch(1);
		var runs = new ArrayList<Future<Integer>>();
		try (var pool = Executors.newFixedThreadPool(2)) {
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return sendDue();
				}));
			}
			start.countDown();
			var sent = new ArrayList<Integer>();
			for (var run : runs) {
				sent.add(run.get());
			}
			return sent;
		}
	}

	@Test
	void sendsNoReminderForACancelledVisit() {

		var startsAt = inDays(3);
		var visit = book(startsAt);
		awaitEmails(1);
		CurrentTenant.runAs(clinic, () -> visits.cancel(admin, visit, null));
		awaitEmails(2);

		clock.set(startsAt.minus(Duration.ofHours(24)));
		assertThat(sendDue()).isZero();
		clock.set(startsAt.minus(Duration.ofMinutes(59)));
		assertThat(sendDue()).isZero();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
	}

	@Test
	void sendsNothingToAPatientWhoTurnedEmailsOff() {

		CurrentTenant.runAs(clinic, () -> preferences.setEmailEnabled("patient.maya", false));
		var startsAt = inDays(3);
		var visit = book(startsAt);
		awaitOwed(visit, Kind.REMINDER_1H);

		assertThat(sendDue()).isZero();
		clock.set(startsAt.minus(Duration.ofHours(24)));
		assertThat(sendDue()).isZero();
		clock.set(startsAt.minus(Duration.ofMinutes(59)));
		assertThat(sendDue()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> emails.owedKinds(visit))).as("nothing is left owed").isEmpty();
	}

	@Test
	void writesToASpanishPatientInSpanish() throws Exception {

		CurrentTenant.runAs(clinic, () -> patients.changeLanguage(maya, Language.SPANISH));
		book(inDays(3));

		var message = awaitEmails(1).getFirst();
		assertThat(message.getSubject()).isEqualTo("Su visita está reservada");
		assertThat(text(message)).contains("equipo de atenci");
		assertThat(property(event(invitation(message)), "SUMMARY")).isEqualTo("Visita de Stride");
	}
}
