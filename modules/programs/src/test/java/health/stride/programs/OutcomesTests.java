package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.programs.internal.Tailoring;
import health.stride.programs.internal.WalkingTargets;

/** Outcome numbers against fixtures worked out by hand. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class OutcomesTests {

	static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

	private final Outcomes outcomes;
	private final Plans plans;
	private final ProgramTemplates templates;
	private final Tailoring tailoring;
	private final WalkingTargets walking;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;

	OutcomesTests(Outcomes outcomes, Plans plans, ProgramTemplates templates, Tailoring tailoring, WalkingTargets walking,
			PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.outcomes = outcomes;
		this.plans = plans;
		this.templates = templates;
		this.tailoring = tailoring;
		this.walking = walking;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aClinic() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		CurrentTenant.runAs(clinic, templates::seedDefaults);
	}

	/** A patient on the flare plan whose intake said pain {@code pain}, that many days ago. */
	PatientId patient(int pain, int intakeDaysAgo) {
		return CurrentTenant.callAs(clinic, () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "p-" + UUID.randomUUID(), "Pat",
					"Tester", LocalDate.of(1980, 1, 1), "p@example.org", null, "WA", ZONE.getId()));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null);
			var flare = templates.all().stream().filter(it -> "flare-mobility".equals(it.key())).findFirst().orElseThrow();
			plans.assign(id, flare.id(), new StrideUser("x", "pt.alex", List.of(clinic), Set.of(Role.THERAPIST)));
			tailoring.record(id, false, false, false, pain);
			sql("update programs.tailoring_facts set intake_completed_at = ? where patient_id = ?",
					java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(intakeDaysAgo))), id.id());
			return id;
		});
	}

	void session(PatientId patient, int daysAgo, int before, int after, Integer walked) {
		CurrentTenant.runAs(clinic, () -> sql("""
				insert into programs.session (tenant_id, patient_id, id, idempotency_key, performed_at, recorded_at,
				    plan_version, pain_before, pain_after, symptom_shift, walking_minutes, flare)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, now(), 1, ?, ?, 'NONE', ?, ?)""",
				patient.id(), UUID.randomUUID(), "k-" + UUID.randomUUID(),
				java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(daysAgo))), before, after, walked,
				ExerciseSession.isFlare(before, after, SymptomShift.NONE)));
	}

	void sql(String sql, Object... params) {
		transaction.executeWithoutResult(status -> jdbc.sql(sql).params(params).update());
	}

	@Test
	void aPatientsPainAgainstIntakeStreakFlareAndWeeks() {

		var pat = patient(7, 12);
		session(pat, 10, 6, 6, null);
		session(pat, 6, 5, 7, 10); // a flare: 2 above where it started
		session(pat, 3, 4, 3, null);
		session(pat, 2, 4, 3, 10);
		session(pat, 1, 4, 2, null);
		CurrentTenant.runAs(clinic, () -> walking.log(pat, "walk-" + UUID.randomUUID(), 12, "FLAT", 2, 2, "NONE"));

		var mine = CurrentTenant.callAs(clinic, () -> outcomes.of(pat, ZONE));

		assertThat(mine.intakePain()).isEqualTo(7);
		assertThat(mine.currentPain()).as("mean of the last three pains before").isEqualTo(4.0);
		assertThat(mine.painChange()).isEqualTo(3.0);
		assertThat(mine.responder()).isTrue();
		assertThat(mine.pain()).extracting(Outcomes.PainPoint::pain).containsExactly(7.0, 6.0, 5.0, 4.0, 4.0, 4.0);
		assertThat(mine.daysSinceFlare()).isEqualTo(6);
		assertThat(mine.streakDays()).as("today's walk and the three days before").isEqualTo(4);
		assertThat(mine.sessions()).isEqualTo(5);
		assertThat(mine.weeks()).hasSize(4);
		assertThat(mine.weeks().stream().mapToInt(Outcomes.Week::sessions).sum()).isEqualTo(5);
		assertThat(mine.weeks().stream().mapToInt(Outcomes.Week::walkingMinutes).sum()).isEqualTo(32);
		assertThat(mine.weeks()).allSatisfy(week -> assertThat(week.planned()).isEqualTo(7));
		assertThat(mine.psfsDue()).as("intake 12 days ago").isFalse();
	}

	@Test
	void aPatientWithoutSessionsIsNoResponderYetAndIsAskedForThePsfsAfterFourWeeks() {

		var pat = patient(6, 29);
		var mine = CurrentTenant.callAs(clinic, () -> outcomes.of(pat, ZONE));
		assertThat(mine.currentPain()).isNull();
		assertThat(mine.responder()).isFalse();
		assertThat(mine.streakDays()).isZero();
		assertThat(mine.daysSinceFlare()).isNull();
		assertThat(mine.psfsDue()).isTrue();
	}

	@Test
	void theClinicsRespondersAndMediansFromFivePatientsAndNothingFromFewer() {

		var pains = new int[][] { { 8, 5 }, { 7, 5 }, { 6, 5 }, { 6, 4 }, { 5, 5 } }; // changes 3, 2, 1, 2, 0
		for (int i = 0; i < pains.length; i++) {
			var pat = patient(pains[i][0], 30);
			session(pat, 5, pains[i][1], pains[i][1], null); // 25 days after intake: in the two weeks before week 4
			if (i == 3) {
				var clinicNumbers = CurrentTenant.callAs(clinic, outcomes::clinic);
				assertThat(clinicNumbers.responderRate()).as("four patients are too few to show").isNull();
				assertThat(clinicNumbers.medianChangeAt4Weeks()).isNull();
			}
		}

		var numbers = CurrentTenant.callAs(clinic, outcomes::clinic);

		assertThat(numbers.patientsWithBaseline()).isEqualTo(5);
		assertThat(numbers.responders()).isEqualTo(3);
		assertThat(numbers.responderRate()).isEqualTo(0.6);
		assertThat(numbers.medianChangeAt4Weeks()).isEqualTo(2.0);
		assertThat(numbers.patientsAt4()).isEqualTo(5);
		assertThat(numbers.medianChangeAt8Weeks()).as("nobody is 8 weeks in").isNull();
		assertThat(numbers.activePatients()).isEqualTo(5);
		assertThat(numbers.medianAdherence()).isCloseTo(1 / 28.0, within(0.0001));

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(other, outcomes::clinic).patientsWithBaseline()).isZero();
	}
}
