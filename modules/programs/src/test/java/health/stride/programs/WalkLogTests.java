package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
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
import health.stride.platform.validation.InvalidInput;
import health.stride.programs.internal.WalkingTargets;

/** The walk log: pain before and after, where the pain went, and the sessions' flare rule applied to walks. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class WalkLogTests {

	static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

	private final WalkingTargets walking;
	private final Outcomes outcomes;
	private final Plans plans;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId pat;

	WalkLogTests(WalkingTargets walking, Outcomes outcomes, Plans plans, ProgramTemplates templates,
			PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
		this.walking = walking;
		this.outcomes = outcomes;
		this.plans = plans;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void aPatientOnTheWalkingPlan() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		pat = CurrentTenant.callAs(clinic, () -> {
			templates.seedDefaults();
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "p-" + UUID.randomUUID(), "Pat",
					"Walker", LocalDate.of(1980, 1, 1), "p@example.org", null, "WA", ZONE.getId()));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null);
			var walks = templates.all().stream().filter(it -> "walking-micro-walks".equals(it.key())).findFirst()
					.orElseThrow();
			plans.assign(id, walks.id(), new StrideUser("x", "pt.alex", List.of(clinic), Set.of(Role.THERAPIST)));
			return id;
		});
	}

	Walks.Walk walk(String key, @Nullable Integer before, @Nullable Integer after, @Nullable String shift) {
		return CurrentTenant.callAs(clinic, () -> walking.log(pat, key, 12, "FLAT", before, after, shift));
	}

	/** The patient's walks in the table, read in a transaction: the clinic is set on the connection for one. */
	long walks() {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc
				.sql("select count(*) from programs.walk where patient_id = ?").param(pat.id()).query(Long.class).single()));
	}

	@Test
	void aWalkWhosePainRoseTwoPointsOrTravelledDownTheLegIsAFlareAnnouncedOnce(PublishedEvents events) {

		var calm = walk("walk-calm-" + UUID.randomUUID(), 3, 4, "NONE");
		var centralizing = walk("walk-central-" + UUID.randomUUID(), 4, 2, "CENTRALIZING");
		var risen = walk("walk-risen-" + UUID.randomUUID(), 2, 4, "NONE");
		var key = "walk-leg-" + UUID.randomUUID();
		var downTheLeg = walk(key, 3, 3, "PERIPHERALIZING");
		var again = walk(key, 3, 3, "PERIPHERALIZING");

		assertThat(calm.flare()).isFalse();
		assertThat(calm.painBefore()).isEqualTo(3);
		assertThat(calm.painAfter()).isEqualTo(4);
		assertThat(centralizing.flare()).as("pain moving to the middle of the back is a good sign").isFalse();
		assertThat(centralizing.symptomShift()).isEqualTo(SymptomShift.CENTRALIZING);
		assertThat(risen.flare()).isTrue();
		assertThat(downTheLeg.flare()).isTrue();
		assertThat(again.id()).isEqualTo(downTheLeg.id());
		assertThat(events.ofType(PainFlareReported.class)).extracting(PainFlareReported::session)
				.containsExactlyInAnyOrder(risen.id(), downTheLeg.id());
		assertThat(walks()).isEqualTo(4);
		assertThat(CurrentTenant.callAs(clinic, () -> outcomes.of(pat, ZONE)).daysSinceFlare())
				.as("a walk's flare counts as a session's does").isZero();
	}

	@Test
	void missingOutOfRangeAndUnknownAnswersAreFieldErrorsAndNothingIsStored() {

		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> walk("walk-" + UUID.randomUUID(), null, null, null))
				.satisfies(it -> assertThat(it.problems()).containsKeys("painBefore", "painAfter", "symptomShift"));
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> walk("walk-" + UUID.randomUUID(), -1, 11, "SIDEWAYS"))
				.satisfies(it -> assertThat(it.problems()).containsOnlyKeys("painBefore", "painAfter", "symptomShift"));
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> walk("walk-" + UUID.randomUUID(), 0, 10, "centralizing"))
				.satisfies(it -> assertThat(it.problems()).containsOnlyKeys("symptomShift"));
		for (var shift : Arrays.stream(SymptomShift.values()).map(Enum::name).toList()) {
			assertThat(walk("walk-" + UUID.randomUUID(), 0, 10, shift).painAfter()).isEqualTo(10);
		}
		assertThat(walks()).as("only the three good walks").isEqualTo(3);
	}
}
