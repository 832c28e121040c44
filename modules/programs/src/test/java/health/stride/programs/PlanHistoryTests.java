package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
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
import health.stride.programs.PlanHistory.Standing;

/** Every saved version of a plan comes back whole, with the name and phase it had, and plans are found by where they stand. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PlanHistoryTests {

	private final PlanHistory history;
	private final Plans plans;
	private final ProgramTemplates templates;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private StrideUser alex;
	private PatientId maya;
	private PatientId leo;

	PlanHistoryTests(PlanHistory history, Plans plans, ProgramTemplates templates, PatientDirectory patients,
			CareTeams careTeams, ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.history = history;
		this.plans = plans;
		this.templates = templates;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void twoPatientsOfAlex() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		CurrentTenant.runAs(clinic, templates::seedDefaults);
		maya = register("maya");
		leo = register("leo");
	}

	@Test
	void everyVersionComesBackWholeWithTheNameAndPhaseItHadNewestFirst() {

		var flare = as(() -> plans.assign(maya, template("flare-mobility").id(), alex));
		var later = new ArrayList<>(flare.phases().get(1).exercises());
		later.removeIf(it -> it.slug().equals("prone-press-up"));
		as(() -> plans.tailor(maya, 1, List.of(flare.phases().get(0).exercises(), List.copyOf(later)), 1, alex));
		var sciatica = template("sciatica-stretch-strengthen");
		as(() -> plans.assign(maya, sciatica.id(), alex));
		var bridge = sciatica.phases().get(0).exercises().stream().filter(it -> it.slug().equals("glute-bridge"))
				.findFirst().orElseThrow();
		var exercises = new ArrayList<>(sciatica.phases().get(0).exercises());
		exercises.set(exercises.indexOf(bridge), new ProgramTemplate.Prescribed("glute-bridge", new Dosing(3, 12, null,
				null, Side.BOTH, 1, 5, 30, null)));
		as(() -> plans.tailor(maya, 3, exercises, null, alex));

		var versions = as(() -> history.versions(flare.id()));

		assertThat(versions).extracting(PlanHistory.SavedVersion::version).containsExactly(4L, 3L, 2L, 1L);
		assertThat(versions).extracting(PlanHistory.SavedVersion::name).containsExactly(sciatica.name(), sciatica.name(),
				flare.name(), flare.name());
		assertThat(versions).extracting(PlanHistory.SavedVersion::currentPhase).containsExactly(0, 0, 1, 0);
		assertThat(versions).allSatisfy(it -> {
			assertThat(it.plan()).isEqualTo(flare.id());
			assertThat(it.patient()).isEqualTo(maya);
			assertThat(it.changedBy()).isEqualTo("pt.alex");
		});
		assertThat(versions.get(0).phase().exercises()).filteredOn(it -> it.slug().equals("glute-bridge")).singleElement()
				.satisfies(it -> assertThat(it.dosing().reps()).isEqualTo(12));
		assertThat(versions.get(2).phases().get(1).exercises()).extracting(ProgramTemplate.Prescribed::slug)
				.doesNotContain("prone-press-up");
		assertThat(versions.get(3).phases().get(1).exercises()).extracting(ProgramTemplate.Prescribed::slug)
				.contains("prone-press-up");
		assertThat(versions.get(0).assignedAt()).isEqualTo(versions.get(1).changedAt());
		assertThat(versions.get(2).assignedAt()).isEqualTo(versions.get(3).changedAt()).isBefore(versions.get(1).changedAt());
		assertThat(versions.get(3).changes()).extracting(Phrase::code).containsExactly("programs.plan.change.assigned");

		assertThat(as(() -> history.version(flare.id(), 2))).hasValueSatisfying(it -> assertThat(it.currentPhase()).isOne());
		assertThat(as(() -> history.version(flare.id(), 5))).isEmpty();
		assertThat(as(() -> history.versions(UUID.randomUUID()))).isEmpty();
	}

	@Test
	void aPlanStandsActiveHeldOrEndedAndIsFoundSo() {

		var mine = as(() -> plans.assign(maya, template("flare-mobility").id(), alex));
		var his = as(() -> plans.assign(leo, template("sciatica-stretch-strengthen").id(), alex));

		assertThat(as(() -> history.find(mine.id()))).hasValueSatisfying(it -> {
			assertThat(it.patient()).isEqualTo(maya);
			assertThat(it.version()).isOne();
			assertThat(it.standing()).isEqualTo(Standing.ACTIVE);
			assertThat(it.endedAt()).isNull();
		});

		sql("insert into programs.hold (patient_id, since, emergency) values (?, now(), true)", leo.id());
		assertThat(as(() -> history.ofPatient(leo))).hasValueSatisfying(it -> {
			assertThat(it.plan()).isEqualTo(his.id());
			assertThat(it.standing()).isEqualTo(Standing.ON_HOLD);
			assertThat(it.heldSince()).isNotNull();
		});

		sql("update programs.plan set ended_at = now() where patient_id = ?", maya.id());
		assertThat(as(() -> plans.of(maya))).as("no plan for today").isEmpty();
		assertThat(as(() -> history.ofPatient(maya))).hasValueSatisfying(it -> {
			assertThat(it.standing()).isEqualTo(Standing.ENDED);
			assertThat(it.endedAt()).isNotNull();
		});

		assertThat(as(() -> history.page(null, EnumSet.allOf(Standing.class), 0, 10))).extracting(PlanHistory.PlanStatus::plan)
				.containsExactlyInAnyOrder(mine.id(), his.id());
		assertThat(as(() -> history.page(null, Set.of(Standing.ENDED), 0, 10))).extracting(PlanHistory.PlanStatus::plan)
				.containsExactly(mine.id());
		assertThat(as(() -> history.page(null, Set.of(Standing.ACTIVE), 0, 10))).isEmpty();
		assertThat(as(() -> history.page(List.of(leo), Set.of(Standing.ON_HOLD, Standing.ACTIVE), 0, 10)))
				.extracting(PlanHistory.PlanStatus::plan).containsExactly(his.id());
		assertThat(as(() -> history.page(List.of(leo), Set.of(Standing.ENDED), 0, 10))).isEmpty();
		assertThat(as(() -> history.page(List.of(), EnumSet.allOf(Standing.class), 0, 10))).isEmpty();
		assertThat(as(() -> history.page(null, EnumSet.allOf(Standing.class), 1, 10))).hasSize(1);

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(other, () -> history.find(mine.id()))).isEmpty();
		assertThat(CurrentTenant.callAs(other, () -> history.versions(mine.id()))).isEmpty();
		assertThat(CurrentTenant.callAs(other, () -> history.page(null, EnumSet.allOf(Standing.class), 0, 10))).isEmpty();
	}

	private PatientId register(String name) {
		return as(() -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient." + name + "." + UUID.randomUUID(),
					name, "Tester", LocalDate.of(1984, 3, 14), name + "@example.org", null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null);
			return id;
		});
	}

	private ProgramTemplate template(String key) {
		return as(templates::all).stream().filter(it -> key.equals(it.key())).findFirst().orElseThrow();
	}

	private void sql(String sql, Object... params) {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc.sql(sql).params(params).update()));
	}

	private <T> T as(java.util.function.Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
