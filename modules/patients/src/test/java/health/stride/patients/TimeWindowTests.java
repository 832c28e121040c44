package health.stride.patients;

import static health.stride.patients.PatientFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.Episodes.Discharge;
import health.stride.patients.FinishedIntakes.FinishedIntake;
import health.stride.patients.Screenings.Answered;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Questionnaires and finished intakes read a window at a time, as the FHIR API pages through them: whose,
 * within which moments, which way, how many, and nothing of another clinic.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class TimeWindowTests {

	private final PatientDirectory directory;
	private final Consents consents;
	private final Intakes intakes;
	private final FinishedIntakes finished;
	private final Screenings screenings;
	private final Episodes episodes;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;
	private PatientId leo;
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	TimeWindowTests(PatientDirectory directory, Consents consents, Intakes intakes, FinishedIntakes finished,
			Screenings screenings, Episodes episodes, CareTeams careTeams, ClinicRegistry clinics,
			PlatformTransactionManager transactions) {
		this.directory = directory;
		this.consents = consents;
		this.intakes = intakes;
		this.finished = finished;
		this.screenings = screenings;
		this.episodes = episodes;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void twoPatientsWhoFinishedTheirIntake() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		maya = onboarded("patient.maya");
		leo = onboarded("patient.leo");
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private PatientId onboarded(String username) {
		var patient = as(() -> directory.register(patient(username, "WA")));
		return as(() -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(patient, document, consents.currentVersion(document));
			}
			intakes.submit(patient, answers());
			return patient;
		});
	}

	@Test
	void questionnairesComeInTheWindowsOrderOfTheInstrumentsAskedAndCutAtItsLimit() {

		var answered = new ArrayList<Answered>();
		for (int day = 1; day <= 6; day++) {
			var patient = day % 2 == 0 ? maya : leo;
			var instrument = day % 3 == 0 ? Instrument.GAD7 : Instrument.PHQ2;
			var answers = instrument == Instrument.GAD7 ? List.of(1, 1, 1, 0, 0, 0, 0) : List.of(1, 0);
			var at = now.minus(Duration.ofDays(day));
			answered.add(new Answered(patient, as(() -> screenings.answer(patient, instrument, answers, at))));
		}
		var both = List.of(maya, leo);
		var all = EnumSet.allOf(Instrument.class);

		var newestFirst = as(() -> screenings.inOrder(new TimeWindow(both, null, null, true, 10), all));
		assertThat(newestFirst).containsExactlyElementsOf(answered);

		var oldestFirst = as(() -> screenings.inOrder(new TimeWindow(both, null, null, false, 4), all));
		assertThat(oldestFirst).containsExactlyElementsOf(answered.reversed().subList(0, 4));

		var mayasGad = as(() -> screenings.inOrder(new TimeWindow(List.of(maya), null, null, true, 10),
				Set.of(Instrument.GAD7)));
		assertThat(mayasGad).extracting(it -> it.screening().id()).containsExactly(answered.get(5).screening().id());

		// days 2 to 4 back: from is inclusive, until exclusive
		var window = new TimeWindow(both, now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(1)), true, 10);
		assertThat(as(() -> screenings.inOrder(window, all))).containsExactlyElementsOf(answered.subList(1, 4));

		var clinicWide = as(() -> screenings.inOrder(new TimeWindow(null, null, null, true, 3), all));
		assertThat(clinicWide).containsExactlyElementsOf(answered.subList(0, 3));
		assertThat(as(() -> screenings.inOrder(new TimeWindow(both, null, null, true, 10), Set.of()))).isEmpty();

		var first = answered.getFirst();
		assertThat(as(() -> screenings.find(first.screening().id()))).contains(first);
		assertThat(as(() -> screenings.find(UUID.randomUUID()))).isEmpty();

		var elsewhere = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Other").tenant();
		java.util.Optional<Answered> seenElsewhere = CurrentTenant.callAs(elsewhere,
				() -> transaction.execute(status -> screenings.find(first.screening().id())));
		assertThat(seenElsewhere).as("another clinic does not see it").isEmpty();
		List<Answered> listedElsewhere = CurrentTenant.callAs(elsewhere,
				() -> transaction.execute(status -> screenings.inOrder(new TimeWindow(both, null, null, true, 10), all)));
		assertThat(listedElsewhere).isEmpty();
	}

	@Test
	void theIntakesOfEveryEpisodeComeInOrderAndAnUnfinishedIntakeIsLeftOut() {

		var alex = signIn(user(clinic, "pt.alex", Role.THERAPIST));
		as(() -> {
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			return null;
		});
		var first = as(() -> intakes.draft(maya)).completedAt();
		as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.GOALS_MET, "Goals met"), alex));
		as(() -> episodes.reactivate(maya, alex));

		var both = List.of(maya, leo);
		assertThat(as(() -> finished.withPsfsInOrder(new TimeWindow(List.of(maya), null, null, true, 10))))
				.as("the second episode's intake is not finished yet").singleElement().satisfies(it -> {
					assertThat(it.episode()).isEqualTo(1);
					assertThat(it.completedAt()).isEqualTo(first);
					assertThat(it.answers().psfs()).extracting(PsfsItem::score).containsExactly(3, 4);
				});

		as(() -> intakes.submit(maya, answers()));
		var second = as(() -> intakes.draft(maya)).completedAt();

		var newestFirst = as(() -> finished.withPsfsInOrder(new TimeWindow(both, null, null, true, 10)));
		assertThat(newestFirst).extracting(FinishedIntake::patient, FinishedIntake::episode, FinishedIntake::completedAt)
				.containsExactly(tuple(maya, 2, second), tuple(leo, 1, leoCompleted()), tuple(maya, 1, first));
		assertThat(as(() -> finished.withPsfsInOrder(new TimeWindow(both, null, null, false, 1))))
				.extracting(FinishedIntake::episode, FinishedIntake::completedAt).containsExactly(tuple(1, first));
		assertThat(as(() -> finished.withPsfsInOrder(new TimeWindow(both, second, null, true, 10))))
				.extracting(FinishedIntake::episode).containsExactly(2);
		assertThat(as(() -> finished.withPsfsInOrder(new TimeWindow(null, null, null, true, 10)))).hasSize(3);
		assertThat(as(() -> finished.withPsfsInOrder(new TimeWindow(both, null, null, true, 0)))).isEmpty();

		var ana = as(() -> directory.register(patient("patient.ana", "WA")));
		as(() -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(ana, document, consents.currentVersion(document));
			}
			var none = answers();
			return intakes.submit(ana, new IntakeAnswers(none.painRegions(), none.painNow(), none.painDuration(),
					none.worseWith(), none.diagnoses(), none.goals(), List.of(), none.redFlags()));
		});
		assertThat(as(() -> finished.page(List.of(ana), null, null, 0, 10))).as("finished").hasSize(1);
		assertThat(as(() -> finished.withPsfsInOrder(new TimeWindow(List.of(ana), null, null, true, 10))))
				.as("but without an activity rated").isEmpty();
	}

	private Instant leoCompleted() {
		return java.util.Objects.requireNonNull(as(() -> intakes.draft(leo)).completedAt());
	}

	private <T> T as(java.util.concurrent.Callable<T> work) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> {
			try {
				return work.call();
			} catch (RuntimeException e) {
				throw e;
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}));
	}
}
