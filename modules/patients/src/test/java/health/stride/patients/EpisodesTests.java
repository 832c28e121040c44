package health.stride.patients;

import static health.stride.patients.PatientFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.Episodes.Discharge;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.platform.validation.InvalidInput;

/** Discharge and return: episodes, the status, the read-only portal and the intake of a new episode. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class EpisodesTests {

	private final PatientDirectory directory;
	private final Episodes episodes;
	private final Consents consents;
	private final Intakes intakes;
	private final RedFlags redFlags;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser alex;

	EpisodesTests(PatientDirectory directory, Episodes episodes, Consents consents, Intakes intakes, RedFlags redFlags,
			CareTeams careTeams, ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.directory = directory;
		this.episodes = episodes;
		this.consents = consents;
		this.intakes = intakes;
		this.redFlags = redFlags;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void anActivePatientOfAlex() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		alex = signIn(user(clinic, "pt.alex", Role.THERAPIST));
		maya = as(() -> directory.register(patient("patient.maya", "WA")));
		as(() -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(maya, document, consents.currentVersion(document));
			}
			intakes.submit(maya, answers());
			careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			return null;
		});
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void everyRecordOpensWithItsFirstEpisode() {
		assertThat(as(() -> episodes.episodes(maya))).singleElement().satisfies(it -> {
			assertThat(it.number()).isEqualTo(1);
			assertThat(it.isOpen()).isTrue();
		});
	}

	@Test
	void dischargeEndsTheEpisodeMakesThePortalReadOnlyAndAnnouncesItOnce(PublishedEvents events) {

		var ended = as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.GOALS_MET, " Back to running. "), alex));

		assertThat(ended.number()).isEqualTo(1);
		assertThat(ended.closedAt()).isNotNull();
		assertThat(ended.reason()).isEqualTo(DischargeReason.GOALS_MET);
		assertThat(ended.summary()).isEqualTo("Back to running.");
		assertThat(ended.dischargedBy()).isEqualTo("pt.alex");
		assertThat(as(() -> directory.find(maya)).orElseThrow().status()).isEqualTo(PatientStatus.DISCHARGED);
		assertThat(as(() -> directory.statusHistory(maya))).last().satisfies(it -> {
			assertThat(it.to()).isEqualTo(PatientStatus.DISCHARGED);
			assertThat(it.reasonCode()).isEqualTo("patients.discharge-reason.GOALS_MET");
			assertThat(it.changedBy()).isEqualTo("pt.alex");
		});
		assertThat(as(() -> directory.portalAccess(maya))).isEqualTo(PortalAccess.READ_ONLY);

		// the same discharge again (a retried request) changes nothing
		var replay = as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.GOALS_MET, "Back to running."), alex));
		assertThat(replay).isEqualTo(ended);
		assertThatExceptionOfType(Episodes.AlreadyDischarged.class).isThrownBy(
				() -> as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.PLATEAU, "Other words"), alex)));

		assertThat(events.ofType(PatientDischarged.class)).singleElement()
				.isEqualTo(new PatientDischarged(clinic, maya, 1));
		assertThat(as(() -> episodes.episodes(maya))).hasSize(1);
	}

	@Test
	void aStatusChangeNeitherDischargesNorBringsBackADischargedPatient() {

		assertThatIllegalStateException().isThrownBy(
				() -> as(() -> directory.changeStatus(maya, PatientStatus.DISCHARGED, "Moved away")));
		assertThat(as(() -> episodes.episodes(maya))).singleElement().satisfies(it -> assertThat(it.isOpen()).isTrue());

		as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.GOALS_MET, "Back to running."), alex));
		assertThatIllegalStateException().isThrownBy(
				() -> as(() -> directory.changeStatus(maya, PatientStatus.ACTIVE, "Back again")));
		assertThat(as(() -> directory.find(maya)).orElseThrow().status()).isEqualTo(PatientStatus.DISCHARGED);
	}

	@Test
	void aReadOnlyPortalTakesNoSymptomReportAndNoIntake() {

		as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.STOPPED_ATTENDING, "No visits in 6 weeks"), alex));

		assertThatExceptionOfType(PortalAccess.ReadOnly.class).isThrownBy(
				() -> as(() -> redFlags.report(maya, java.util.Set.of(RedFlag.FEVER), RedFlags.Source.REPORT)));
		assertThatExceptionOfType(PortalAccess.ReadOnly.class).isThrownBy(() -> as(() -> intakes.submit(maya, answers())));
		assertThat(as(() -> jdbc.sql("select count(*) from patients.red_flag_report").query(Integer.class).single()))
				.isZero();
	}

	@Test
	void onlyThePatientsTherapistDischargesOrReactivates() {

		var sam = user(clinic, "pt.sam", Role.THERAPIST);
		var nora = user(clinic, "admin.nora", Role.CLINIC_ADMIN);
		var discharge = Discharge.of(DischargeReason.OTHER, "Moved away");

		assertThatExceptionOfType(Episodes.NoSuchPatient.class).isThrownBy(() -> as(() -> episodes.discharge(maya, discharge, sam)));
		assertThatExceptionOfType(Episodes.NoSuchPatient.class).isThrownBy(() -> as(() -> episodes.discharge(maya, discharge, nora)));
		assertThatExceptionOfType(Episodes.NoSuchPatient.class)
				.isThrownBy(() -> as(() -> episodes.discharge(new PatientId(UUID.randomUUID()), discharge, alex)));
		assertThat(as(() -> directory.find(maya)).orElseThrow().status()).isEqualTo(PatientStatus.ACTIVE);

		as(() -> episodes.discharge(maya, discharge, alex));
		assertThatExceptionOfType(Episodes.NoSuchPatient.class).isThrownBy(() -> as(() -> episodes.reactivate(maya, sam)));
		assertThat(as(() -> episodes.current(maya)).orElseThrow().number()).isEqualTo(1);
	}

	@Test
	void refusesADischargeWithoutReasonOrWithAnOversizedOrControlCharacterSummary() {

		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> Discharge.of(null, "fine"))
				.satisfies(it -> assertThat(it.problems()).containsOnlyKeys("reason"));
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> Discharge.of(DischargeReason.OTHER, "  "))
				.satisfies(it -> assertThat(it.problems()).containsOnlyKeys("summary"));
		assertThatExceptionOfType(InvalidInput.class)
				.isThrownBy(() -> Discharge.of(DischargeReason.OTHER, "x".repeat(Episode.SUMMARY_LIMIT + 1)));
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> Discharge.of(DischargeReason.OTHER, "a\u0000b"));
		assertThat(Discharge.of(DischargeReason.OTHER, "line one\nline two").summary()).isEqualTo("line one\nline two");
	}

	@Test
	void reactivationOpensTheNextEpisodeWithTheLastIntakeOfferedAgain(PublishedEvents events) {

		as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.GOALS_MET, "Goals met"), alex));
		var second = as(() -> episodes.reactivate(maya, alex));

		assertThat(second.number()).isEqualTo(2);
		assertThat(second.isOpen()).isTrue();
		assertThat(events.ofType(EpisodeOpened.class)).singleElement().isEqualTo(new EpisodeOpened(clinic, maya, 2));
		assertThat(as(() -> directory.find(maya)).orElseThrow().status()).isEqualTo(PatientStatus.ONBOARDING);
		assertThat(as(() -> directory.portalAccess(maya))).isEqualTo(PortalAccess.OPEN);
		assertThat(as(() -> consents.outstanding(maya))).as("consents stay").isEmpty();

		var draft = as(() -> intakes.draft(maya));
		assertThat(draft.completed()).isFalse();
		assertThat(draft.painRegions()).containsExactlyInAnyOrder(PainRegion.LOW_BACK, PainRegion.LEFT_LEG);
		assertThat(draft.psfs()).hasSize(2);
		assertThat(as(() -> jdbc.sql("select episode_number from patients.episode_intake where patient_id = ?")
				.param(maya.id()).query(Integer.class).list())).as("the first episode's intake kept").containsExactly(1);

		assertThatExceptionOfType(Episodes.NotDischarged.class).isThrownBy(() -> as(() -> episodes.reactivate(maya, alex)));

		as(() -> intakes.submit(maya, answers()));
		assertThat(as(() -> directory.find(maya)).orElseThrow().status()).as("intake done, care team still there")
				.isEqualTo(PatientStatus.ACTIVE);
		assertThat(as(() -> episodes.episodes(maya))).extracting(Episode::number).containsExactly(1, 2);
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
