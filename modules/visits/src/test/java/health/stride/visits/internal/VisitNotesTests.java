package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitCompleted;
import health.stride.visits.VisitId;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNote.Sections;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.VisitsFixtures;

/**
 * The visit note: a draft its clinician saves again and again (a stale form is refused), signed once
 * with every section (the visit completes, {@link VisitCompleted} once), never changed afterwards
 * (the database refuses it too), only added to by signed addenda; for another clinician the visit
 * does not exist. Visits go straight into the table: booking refuses times in the past.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = "stride.visits.missed-interval=PT1H")
class VisitNotesTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
	static final Sections FULL = new Sections("Knee stiff in the morning, 3/10.", "Squat to 90 degrees, no pain.",
			"Improving.", "Add step-ups; next visit in two weeks.");

	private final VisitNotes notes;
	private final JdbcVisitNotes jdbcNotes;
	private final Visits visits;
	private final Schedules schedules;
	private final Hosts hosts;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private UUID alex, sam;
	private StrideUser alexSignedIn, samSignedIn, admin;
	private PatientId maya;

	VisitNotesTests(VisitNotes notes, JdbcVisitNotes jdbcNotes, Visits visits, Schedules schedules, Hosts hosts,
			VisitTypes types, PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics, AuditTrail audit,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.notes = notes;
		this.jdbcNotes = jdbcNotes;
		this.visits = visits;
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.audit = audit;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aClinicWithTwoTherapistsAndAPatientOfAlex() {
		clinic = VisitsFixtures.clinic(clinics, types, "Clinic");
		alexSignedIn = VisitsFixtures.user(clinic, "pt.alex", Role.THERAPIST);
		samSignedIn = VisitsFixtures.user(clinic, "pt.sam", Role.THERAPIST);
		admin = VisitsFixtures.user(clinic, "admin.nora", Role.CLINIC_ADMIN);
		alex = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex",
				"Alex Morgan, PT", HostKind.THERAPIST, LOS_ANGELES, Duration.ZERO)).clinicianId();
		sam = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.sam",
				"Sam Patel, PT", HostKind.THERAPIST, LOS_ANGELES, Duration.ZERO)).clinicianId();
		maya = CurrentTenant.callAs(clinic, () -> VisitsFixtures.patient(patients, careTeams, "patient.maya",
				"maya@example.org", new CareTeam.Member(alex, "pt.alex", "Alex Morgan, PT"), null));
	}

	/** A visit of Alex with Maya, 30 minutes long. */
	VisitId visit(Instant startsAt, String status) {
		return visit(alex, startsAt, status);
	}

	VisitId visit(UUID host, Instant startsAt, String status) {
		return as(() -> transaction.execute(tx -> VisitsFixtures.inTable(jdbc, maya, host, startsAt, status)));
	}

	Instant startedMinutesAgo(long minutes) {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(minutes));
	}

	<T> T as(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}

	void inClinic(Runnable work) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> work.run()));
	}

	VisitStatus status(VisitId visit) {
		return as(() -> visits.find(visit)).orElseThrow().status();
	}

	@Nullable VisitNote stored(VisitId visit) {
		return as(() -> notes.find(admin, visit)).orElse(null);
	}

	@Test
	void startsANoteWithTheBookedLengthAndSavesTheDraftAgainAndAgain() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");

		var fresh = as(() -> notes.write(alexSignedIn, visit));
		assertThat(fresh.version()).isZero();
		assertThat(fresh.minutes()).as("the booked length, no call recorded").isEqualTo(30);
		assertThat(stored(visit)).as("opening the page stores nothing").isNull();

		var first = as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("Knee stiff.", "", "", ""), 30, 0));
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.signed()).isFalse();
		var second = as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("Knee stiff.", "Squat to 90.", "", ""),
				null, first.version()));
		assertThat(second.version()).isEqualTo(2);
		assertThat(second.sections().objective()).isEqualTo("Squat to 90.");
		assertThat(second.minutes()).isNull();
		assertThat(second.draftedBy()).isEqualTo("pt.alex");
		assertThat(status(visit)).as("a draft does not complete the visit").isEqualTo(VisitStatus.BOOKED);
	}

	@Test
	void refusesAStaleFormAndKeepsWhatWasStored() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");
		var first = as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("From the first tab.", "", "", ""), 30, 0));
		as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("From the second tab.", "", "", ""), 30, first.version()));

		assertThatExceptionOfType(VisitNotes.StaleVersion.class).isThrownBy(() -> as(() -> notes.saveDraft(alexSignedIn,
				visit, new Sections("Stale.", "", "", ""), 30, first.version())));
		assertThatExceptionOfType(VisitNotes.StaleVersion.class).as("a second first save")
				.isThrownBy(() -> as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("Also new.", "", "", ""), 30, 0)));
		assertThatExceptionOfType(VisitNotes.StaleVersion.class).as("signing a stale form")
				.isThrownBy(() -> as(() -> notes.sign(alexSignedIn, visit, FULL, 30, first.version())));
		assertThat(stored(visit).sections().subjective()).isEqualTo("From the second tab.");
		assertThat(stored(visit).signed()).isFalse();
	}

	@Test
	void signsOnceCompletesTheVisitAndAnnouncesItOnce(AssertablePublishedEvents events) {

		var startsAt = startedMinutesAgo(40);
		var visit = visit(startsAt, "MISSED");
		var draft = as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("Knee stiff.", "", "", ""), null, 0));

		var signed = as(() -> notes.sign(alexSignedIn, visit, FULL, 35, draft.version()));
		assertThat(signed.signed()).isTrue();
		assertThat(signed.signedBy()).isEqualTo("pt.alex");
		assertThat(signed.minutes()).isEqualTo(35);
		assertThat(signed.sections()).isEqualTo(FULL);
		assertThat(status(visit)).as("a missed visit signed for was held after all").isEqualTo(VisitStatus.COMPLETED);

		var again = as(() -> notes.sign(alexSignedIn, visit, new Sections("Other", "Other", "Other", "Other"), 50,
				signed.version()));
		assertThat(again).as("signing twice changes nothing").isEqualTo(signed);

		assertThat(events.ofType(VisitCompleted.class).matching(it -> it.visit().equals(visit))).hasSize(1);
		events.assertThat().contains(VisitCompleted.class).matching(it -> it.visit().equals(visit)
				&& it.patient().equals(maya) && it.clinicianId().equals(alex) && it.startsAt().equals(startsAt)
				&& it.endsAt().equals(startsAt.plusSeconds(1800)) && it.minutes() == 35 && it.tenant().equals(clinic));
		assertThat(as(() -> audit.aboutPatient(maya.id(), 20))).filteredOn(it -> "visit-note".equals(it.resource()))
				.extracting(it -> it.action()).contains(AuditAction.WRITE);
	}

	@Test
	void signingNeedsEverySectionAndTheMinutesAndStoresNothingWithout() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");

		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.sign(alexSignedIn, visit, new Sections("Knee stiff.", " ", "", "Plan"), null, 0)))
				.satisfies(it -> assertThat(it.problems()).containsOnlyKeys("objective", "assessment", "minutes"));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.sign(alexSignedIn, visit, FULL, 601, 0)))
				.satisfies(it -> assertThat(it.problems()).containsOnlyKeys("minutes"));
		assertThat(stored(visit)).isNull();
		assertThat(status(visit)).isEqualTo(VisitStatus.BOOKED);
	}

	@Test
	void addsSignedAddendaOnlyToASignedNote() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");
		as(() -> notes.saveDraft(alexSignedIn, visit, FULL, 30, 0));

		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.addAddendum(alexSignedIn, visit, "Before signing.")))
				.satisfies(it -> assertThat(it.problems()).containsKey(""));

		as(() -> notes.sign(alexSignedIn, visit, FULL, 30, 1));
		as(() -> notes.addAddendum(alexSignedIn, visit, "Patient called: pain eased by evening."));
		var note = as(() -> notes.addAddendum(alexSignedIn, visit, "  Second thought.  "));

		assertThat(note.addenda()).extracting(VisitNote.Addendum::body)
				.containsExactly("Patient called: pain eased by evening.", "Second thought.");
		assertThat(note.addenda()).allSatisfy(it -> assertThat(it.signedBy()).isEqualTo("pt.alex"));
		assertThat(note.sections()).as("the note itself is as signed").isEqualTo(FULL);
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.addAddendum(alexSignedIn, visit, "   ")));
	}

	@Test
	void neverChangesASignedNoteNotEvenByDirectSql() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");
		as(() -> notes.sign(alexSignedIn, visit, FULL, 30, 0));
		as(() -> notes.addAddendum(alexSignedIn, visit, "Added later."));

		assertThatExceptionOfType(VisitNotes.StaleVersion.class).isThrownBy(() -> as(() -> notes.saveDraft(alexSignedIn,
				visit, new Sections("Changed.", "", "", ""), 30, 1)));

		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> inClinic(() -> jdbc.sql("update visits.visit_note set plan = 'Changed.' where visit_id = ?")
						.param(visit.id()).update()))
				.satisfies(it -> assertThat(sqlState(it)).isEqualTo("55000"));
		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> inClinic(() -> jdbc.sql("update visits.visit_note set signed_at = null, signed_by = null where visit_id = ?")
						.param(visit.id()).update()))
				.satisfies(it -> assertThat(sqlState(it)).isEqualTo("55000"));
		assertThatExceptionOfType(DataAccessException.class).as("the application may not remove a note")
				.isThrownBy(() -> inClinic(() -> jdbc.sql("delete from visits.visit_note where visit_id = ?")
						.param(visit.id()).update()))
				.satisfies(it -> assertThat(sqlState(it)).isEqualTo("42501"));
		assertThatExceptionOfType(DataAccessException.class).as("nor change an addendum")
				.isThrownBy(() -> inClinic(() -> jdbc.sql("update visits.visit_note_addendum set body = 'Changed.' where visit_id = ?")
						.param(visit.id()).update()))
				.satisfies(it -> assertThat(sqlState(it)).isEqualTo("42501"));

		var note = stored(visit);
		assertThat(note.sections()).isEqualTo(FULL);
		assertThat(note.addenda()).extracting(VisitNote.Addendum::body).containsExactly("Added later.");
	}

	@Test
	void refusesAnAddendumToADraftInTheDatabase() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");
		as(() -> notes.saveDraft(alexSignedIn, visit, FULL, 30, 0));

		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> inClinic(() -> jdbc.sql("""
						insert into visits.visit_note_addendum (id, visit_id, body, signed_by, signed_at)
						values (gen_random_uuid(), ?, 'Sneaked in.', 'pt.alex', now())""").param(visit.id()).update()))
				.satisfies(it -> assertThat(sqlState(it)).isEqualTo("55000"));
	}

	@Test
	void anotherCliniciansOrAnotherClinicsVisitDoesNotExist() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");
		var samsVisit = visit(sam, startedMinutesAgo(60 * 24), "COMPLETED");

		assertThatExceptionOfType(Visits.NotFound.class).isThrownBy(() -> as(() -> notes.write(samSignedIn, visit)));
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> as(() -> notes.saveDraft(samSignedIn, visit, FULL, 30, 0)));
		assertThatExceptionOfType(Visits.NotFound.class).isThrownBy(() -> as(() -> notes.sign(samSignedIn, visit, FULL, 30, 0)));
		assertThatExceptionOfType(Visits.NotFound.class)
				.isThrownBy(() -> as(() -> notes.addAddendum(samSignedIn, visit, "Not mine.")));
		assertThatExceptionOfType(Visits.NotFound.class).as("an administrator reads, never writes")
				.isThrownBy(() -> as(() -> notes.saveDraft(admin, visit, FULL, 30, 0)));
		assertThatExceptionOfType(Visits.NotFound.class).as("Alex's visit seen from another clinic")
				.isThrownBy(() -> {
					var other = VisitsFixtures.clinic(clinics, types, "Other");
					CurrentTenant.callAs(other, () -> notes.write(VisitsFixtures.user(other, "pt.alex", Role.THERAPIST), visit));
				});
		assertThat(stored(visit)).isNull();

		as(() -> notes.sign(alexSignedIn, visit, FULL, 30, 0));
		as(() -> notes.sign(samSignedIn, samsVisit, FULL, 45, 0));
		assertThat(as(() -> notes.find(samSignedIn, visit))).as("Sam is not on Maya's care team").isEmpty();
		assertThat(as(() -> notes.find(admin, visit))).isPresent();
		assertThat(as(() -> notes.signedOf(alexSignedIn, maya))).as("the care team reads every signed note").hasSize(2);
		assertThat(as(() -> notes.signedOf(samSignedIn, maya))).as("Sam reads the note of his own visit only")
				.extracting(VisitNote::visit).containsExactly(samsVisit);
		assertThat(as(() -> audit.aboutPatient(maya.id(), 50))).filteredOn(it -> "visit-note".equals(it.resource()))
				.extracting(it -> it.action()).contains(AuditAction.READ, AuditAction.ACCESS_DENIED);
	}

	@Test
	void takesNoNoteOnACancelledVisitNorOneThatStartsInMoreThanTenMinutes() {

		var cancelled = visit(startedMinutesAgo(5), "CANCELLED");
		var later = visit(Instant.now().plus(Duration.ofHours(2)), "BOOKED");
		var soon = visit(Instant.now().plus(Duration.ofMinutes(9)), "BOOKED");

		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> as(() -> notes.write(alexSignedIn, cancelled)))
				.satisfies(it -> assertThat(it.problems().get("").getCodes()).contains("visits.note.cancelled"));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.sign(alexSignedIn, cancelled, FULL, 30, 0)))
				.satisfies(it -> assertThat(it.problems().get("").getCodes()).contains("visits.note.cancelled"));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.saveDraft(alexSignedIn, later, FULL, 30, 0)))
				.satisfies(it -> assertThat(it.problems().get("").getCodes()).contains("visits.note.not-yet"));
		assertThat(as(() -> notes.saveDraft(alexSignedIn, soon, FULL, 30, 0)).version()).isEqualTo(1);
		assertThat(stored(cancelled)).isNull();
		assertThat(stored(later)).isNull();
		assertThat(status(cancelled)).isEqualTo(VisitStatus.CANCELLED);
	}

	@Test
	void refusesNulCharactersAndOversizeTextStoringNothing() {

		var visit = visit(startedMinutesAgo(5), "BOOKED");

		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("Knee\u0000stiff", "x".repeat(100_000),
						"", ""), 30, 0)))
				.satisfies(it -> {
					assertThat(it.problems()).containsOnlyKeys("subjective", "objective");
					assertThat(it.problems().get("subjective").getCodes()).contains("visits.note.control-characters");
					assertThat(it.problems().get("objective").getCodes()).contains("visits.note.too-long");
				});
		assertThat(as(() -> notes.saveDraft(alexSignedIn, visit, new Sections("Line one\nline two\ttabbed", "", "", ""), 30, 0))
				.sections().subjective()).as("line breaks and tabs are text").isEqualTo("Line one\nline two\ttabbed");
		as(() -> notes.sign(alexSignedIn, visit, FULL, 30, 1));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.addAddendum(alexSignedIn, visit, "y".repeat(100_000))));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> as(() -> notes.addAddendum(alexSignedIn, visit, "a\u0000b")));
		assertThat(stored(visit).addenda()).isEmpty();
	}

	@Test
	void fillsInTheMinutesTheCallTook() {

		var visit = visit(startedMinutesAgo(50), "BOOKED");
		var call = startedMinutesAgo(48);
		inClinic(() -> jdbc.sql("update visits.visit set call_started_at = ?, call_ended_at = ? where id = ?")
				.params(Timestamp.from(call), Timestamp.from(call.plus(Duration.ofMinutes(41)).plusSeconds(10)), visit.id())
				.update());

		assertThat(as(() -> notes.write(alexSignedIn, visit)).minutes()).as("41 minutes and 10 seconds, rounded up")
				.isEqualTo(42);
		assertThat(as(() -> jdbcNotes.durationOf(visits.find(visit).orElseThrow()))).isEqualTo(42);
	}

	@Test
	void countsTheMinutesOfSignedNotesByClinicianAndMonth() {

		var zone = ZoneId.of("America/New_York");
		var thisMonth = YearMonth.now(zone);
		var one = visit(startedMinutesAgo(60 * 3), "COMPLETED");
		var two = visit(startedMinutesAgo(60 * 2), "BOOKED");
		var drafted = visit(startedMinutesAgo(60), "BOOKED");
		var samsVisit = visit(sam, startedMinutesAgo(60 * 5), "COMPLETED");
		as(() -> notes.sign(alexSignedIn, one, FULL, 30, 0));
		as(() -> notes.sign(alexSignedIn, two, FULL, 45, 0));
		as(() -> notes.saveDraft(alexSignedIn, drafted, FULL, 20, 0));
		as(() -> notes.sign(samSignedIn, samsVisit, FULL, 25, 0));

		var rows = as(() -> notes.minutesByMonth(admin, zone, thisMonth.minusMonths(5), thisMonth));
		var alexMinutes = rows.stream().filter(it -> it.clinicianId().equals(alex)).mapToLong(VisitNotes.MonthlyMinutes::minutes).sum();
		var alexVisits = rows.stream().filter(it -> it.clinicianId().equals(alex)).mapToInt(VisitNotes.MonthlyMinutes::visits).sum();
		assertThat(alexVisits).as("the draft does not count").isEqualTo(2);
		assertThat(alexMinutes).isEqualTo(75);
		assertThat(rows).filteredOn(it -> it.clinicianId().equals(sam)).singleElement()
				.satisfies(it -> assertThat(it.minutes()).isEqualTo(25));
		assertThat(as(() -> notes.minutesByMonth(alexSignedIn, zone, thisMonth.minusMonths(5), thisMonth)))
				.as("for administrators only").isEmpty();
	}

	private static @Nullable String sqlState(DataAccessException failure) {
		return failure.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
	}
}
