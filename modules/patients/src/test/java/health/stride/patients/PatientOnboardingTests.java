package health.stride.patients;

import static health.stride.patients.PatientFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import java.util.Set;
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

import health.stride.patients.internal.ConsentsFixtures;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Consents, the intake step by step and in one go, red flags, the care team and who may read a record. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class PatientOnboardingTests {

	private final PatientDirectory directory;
	private final Consents consents;
	private final Intakes intakes;
	private final RedFlags redFlags;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;

	PatientOnboardingTests(PatientDirectory directory, Consents consents, Intakes intakes, RedFlags redFlags,
			CareTeams careTeams, ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.directory = directory;
		this.consents = consents;
		this.intakes = intakes;
		this.redFlags = redFlags;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aClinicWithAPatient() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		maya = as(() -> directory.register(patient("patient.maya", "WA")));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void asksForBothConsentsBeforeTheIntakeAndAgainForANewVersion() {

		assertThat(as(() -> consents.outstanding(maya))).containsExactly(ConsentDocument.TELEHEALTH, ConsentDocument.PRIVACY);
		assertThatExceptionOfType(Consents.Required.class)
				.isThrownBy(() -> as(() -> intakes.save(maya, new IntakeStep.WhereItHurts(Set.of(PainRegion.NECK), 3))));

		consentToAll(maya);
		assertThat(as(() -> consents.outstanding(maya))).isEmpty();

		var newPrivacyNotice = ConsentsFixtures.withVersions(jdbc, new ConsentVersions("2026-11-01", "2027-01-15"));
		assertThat(as(() -> newPrivacyNotice.outstanding(maya))).containsExactly(ConsentDocument.PRIVACY);
		assertThatExceptionOfType(Consents.OutdatedVersion.class)
				.isThrownBy(() -> as(() -> { consents.accept(maya, ConsentDocument.PRIVACY, "2025-01-01"); return null; }));
		assertThat(as(() -> consents.given(maya))).extracting(Consents.Consent::version).containsOnly("2026-11-01");
	}

	@Test
	void savesEachStepAndResumesWhereThePatientLeft() {

		consentToAll(maya);
		as(() -> intakes.save(maya, new IntakeStep.WhereItHurts(Set.of(PainRegion.LOW_BACK), 5)));
		as(() -> intakes.save(maya, new IntakeStep.Course(PainDuration.CHRONIC, Set.of(Aggravator.SITTING))));

		var draft = as(() -> intakes.draft(maya));
		assertThat(draft.nextStep()).isEqualTo(3);
		assertThat(draft.completed()).isFalse();
		assertThat(as(() -> intakes.factsOf(maya))).as("no facts before the intake is finished").isEmpty();
		assertThat(draft.painRegions()).containsExactly(PainRegion.LOW_BACK);
		assertThat(draft.painNow()).isEqualTo(5);
		assertThat(draft.painDuration()).isEqualTo(PainDuration.CHRONIC);
		assertThat(draft.worseWith()).containsExactly(Aggravator.SITTING);

		assertThatExceptionOfType(Intakes.StepNotReached.class).isThrownBy(
				() -> as(() -> intakes.save(maya, new IntakeStep.Function(List.of(new PsfsItem("Walking", 4))))));

		// going back to change an earlier answer keeps the place reached
		as(() -> intakes.save(maya, new IntakeStep.WhereItHurts(Set.of(PainRegion.LOW_BACK, PainRegion.RIGHT_LEG), 7)));
		assertThat(as(() -> intakes.draft(maya))).satisfies(it -> {
			assertThat(it.nextStep()).isEqualTo(3);
			assertThat(it.painNow()).isEqualTo(7);
		});
	}

	@Test
	void completingTheIntakeAnnouncesItOnceAndKeepsTheTailoringFactsForTheApi(PublishedEvents events) {

		consentToAll(maya);
		var draft = as(() -> intakes.submit(maya, answers()));

		assertThat(draft.completed()).isTrue();
		assertThat(events.ofType(IntakeCompleted.class)).singleElement().satisfies(it -> {
			assertThat(it.tenant()).isEqualTo(clinic);
			assertThat(it.patient()).isEqualTo(maya);
		});
		assertThat(as(() -> intakes.factsOf(maya))).hasValueSatisfying(it -> {
			assertThat(it.proneIntolerant()).isTrue();
			assertThat(it.flexionTriggered()).isTrue();
			assertThat(it.extensionIntolerant()).isFalse();
			assertThat(it.painNow()).isEqualTo(6);
		});
		assertThat(events.ofType(RedFlagsReported.class)).isEmpty();

		assertThatExceptionOfType(Intakes.AlreadyCompleted.class).isThrownBy(() -> as(() -> intakes.submit(maya, answers())));
		assertThat(events.ofType(IntakeCompleted.class)).hasSize(1);
	}

	@Test
	void aRedFlagAtIntakeIsReportedAsAnEmergencyWhenItCallsForOne(PublishedEvents events) {

		consentToAll(maya);
		as(() -> intakes.submit(maya, answers(RedFlag.SADDLE_NUMBNESS, RedFlag.FEVER)));

		assertThat(events.ofType(RedFlagsReported.class)).singleElement()
				.satisfies(it -> assertThat(it.patient()).isEqualTo(maya));
		assertThat(as(() -> redFlags.open(maya))).singleElement().satisfies(it -> {
			assertThat(it.emergency()).isTrue();
			assertThat(it.source()).isEqualTo(RedFlags.Source.INTAKE);
			assertThat(it.symptoms()).containsExactlyInAnyOrder(RedFlag.SADDLE_NUMBNESS, RedFlag.FEVER);
		});
	}

	@Test
	void aSymptomReportedLaterStaysOpenUntilAClinicianClearsItWithANote(PublishedEvents events) {

		var report = as(() -> redFlags.report(maya, Set.of(RedFlag.NIGHT_PAIN), RedFlags.Source.REPORT));
		assertThat(events.ofType(RedFlagsReported.class)).singleElement()
				.satisfies(it -> assertThat(it.report()).isEqualTo(report.id()));
		assertThat(report.emergency()).isFalse();

		signIn(user(clinic, "pt.alex", Role.THERAPIST));
		assertThatIllegalArgumentException().isThrownBy(() -> as(() -> redFlags.clear(maya, report.id(), "  ")));
		assertThat(as(() -> redFlags.clear(maya, report.id(), "Called her; her doctor is seeing her today."))).isTrue();
		assertThat(as(() -> redFlags.clear(maya, report.id(), "Again"))).isFalse();

		assertThat(as(() -> redFlags.open(maya))).isEmpty();
		assertThat(as(() -> redFlags.of(maya))).singleElement().satisfies(it -> {
			assertThat(it.clearedBy()).isEqualTo("pt.alex");
			assertThat(it.clearNote()).startsWith("Called her");
		});
		assertThat(events.ofType(RedFlagsCleared.class)).singleElement()
				.satisfies(it -> assertThat(it.report()).isEqualTo(report.id()));
	}

	@Test
	void assigningTheSameCareTeamTwiceAnnouncesItOnceAndActivatesAnOnboardedPatient(PublishedEvents events) {

		var alex = new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT");
		var rio = new CareTeam.Member(UUID.randomUUID(), "coach.rio", "Rio Santos");

		consentToAll(maya);
		as(() -> intakes.submit(maya, answers()));
		as(() -> { careTeams.assign(maya, alex, rio); return null; });
		as(() -> { careTeams.assign(maya, alex, rio); return null; });

		assertThat(events.ofType(CareTeamAssigned.class)).singleElement()
				.satisfies(it -> assertThat(it.therapist()).isEqualTo(alex.clinicianId()));
		assertThat(as(() -> careTeams.isOnCareTeam(maya, "coach.rio"))).isTrue();
		assertThat(as(() -> careTeams.isOnCareTeam(maya, "pt.sam"))).isFalse();
		assertThat(as(() -> directory.findByUsernameCaredForBy("patient.maya", alex.clinicianId())))
				.hasValueSatisfying(it -> assertThat(it.id()).isEqualTo(maya));
		assertThat(as(() -> directory.findByUsernameCaredForBy("patient.maya", UUID.randomUUID()))).isEmpty();
		assertThat(as(() -> directory.findByUsernameCaredForBy("pt.alex", alex.clinicianId()))).isEmpty();
		assertThat(as(() -> directory.idOfUser("patient.maya"))).contains(maya);
		assertThat(as(() -> directory.idOfUser("pt.alex"))).as("a clinician is no patient").isEmpty();
		Optional<PatientId> elsewhere = CurrentTenant.callAs(TenantId.of("c-" + UUID.randomUUID()),
				() -> transaction.execute(status -> directory.idOfUser("patient.maya")));
		assertThat(elsewhere).as("another clinic's patient is not found").isEmpty();
		assertThat(as(() -> directory.find(maya)).orElseThrow().status()).isEqualTo(PatientStatus.ACTIVE);
		assertThat(events.ofType(PatientStatusChanged.class)).singleElement()
				.satisfies(it -> assertThat(it.to()).isEqualTo(PatientStatus.ACTIVE));
		assertThat(as(() -> jdbc.sql("select to_status from patients.status_change where patient_id = ?")
				.param(maya.id()).query(String.class).list())).containsExactly("ACTIVE");
		assertThat(as(() -> directory.statusHistory(maya))).as("the system's reason is a code, for the reader's language")
				.singleElement().satisfies(it -> {
					assertThat(it.reasonCode()).isEqualTo("patients.status-reason.intake-and-care-team");
					assertThat(it.reason()).isNull();
				});

		assertThat(as(() -> directory.findByUsernameCaredForBy("patient.maya", rio.clinicianId()))).isPresent();
		as(() -> careTeams.departed("coach.rio"));
		assertThat(as(() -> directory.findByUsernameCaredForBy("patient.maya", rio.clinicianId())))
				.as("a clinician who left the clinic cares for nobody").isEmpty();
	}

	@Test
	void opensTheRecordForThePatientTheirCareTeamAndAdminsOnlyAndAuditsEveryAttempt() {

		as(() -> { careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null); return null; });

		assertThat(as(() -> directory.open(maya, user(clinic, "patient.maya", Role.PATIENT)))).isPresent();
		assertThat(as(() -> directory.open(maya, user(clinic, "pt.alex", Role.THERAPIST)))).get()
				.satisfies(it -> assertThat(it.careTeam().therapist().displayName()).isEqualTo("Alex Morgan, PT"));
		assertThat(as(() -> directory.open(maya, user(clinic, "admin.nora", Role.CLINIC_ADMIN)))).isPresent();

		assertThat(as(() -> directory.open(maya, user(clinic, "pt.sam", Role.THERAPIST)))).isEmpty();
		assertThat(as(() -> directory.open(maya, user(clinic, "patient.leo", Role.PATIENT)))).isEmpty();
		assertThat(as(() -> directory.open(maya, user(clinic, "sponsor.acme", Role.SPONSOR_ADMIN)))).isEmpty();

		var otherClinic = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(otherClinic,
				() -> directory.open(maya, user(otherClinic, "admin.olga", Role.CLINIC_ADMIN)))).isEmpty();

		var reads = as(() -> jdbc.sql("""
				select actor_username || ' ' || action || ' ' || outcome from platform.audit_event
				where patient_id = ? and resource = 'patient' and action <> 'WRITE' order by occurred_at""")
				.param(maya.id()).query(String.class).list());
		assertThat(reads).containsExactly("patient.maya READ SUCCESS", "pt.alex READ SUCCESS", "admin.nora READ SUCCESS",
				"pt.sam ACCESS_DENIED DENIED", "patient.leo ACCESS_DENIED DENIED", "sponsor.acme ACCESS_DENIED DENIED");
	}

	private void consentToAll(PatientId patient) {
		as(() -> {
			for (var document : ConsentDocument.values()) {
				consents.accept(patient, document, consents.currentVersion(document));
			}
			return null;
		});
	}

	@Test
	void keepsTheLanguageThePatientChoseEnglishUntilThen() {

		assertThat(as(() -> directory.languageOf(maya))).isEqualTo(Language.ENGLISH);

		as(() -> { directory.changeLanguage(maya, Language.SPANISH); return null; });

		assertThat(as(() -> directory.languageOf(maya))).isEqualTo(Language.SPANISH);
		assertThat(as(() -> directory.languageOfUser("patient.maya"))).contains(Language.SPANISH);
		Optional<Language> elsewhere = CurrentTenant.callAs(TenantId.of("c-" + UUID.randomUUID()),
				() -> transaction.execute(status -> directory.languageOfUser("patient.maya")));
		assertThat(elsewhere).isEmpty();
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
