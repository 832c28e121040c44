package health.stride.patients;

import static health.stride.patients.PatientFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.security.core.context.SecurityContextHolder;

import health.stride.patients.Episodes.Discharge;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Finished intakes come back whole, each under its episode of care, the one being filled in not at all. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class FinishedIntakesTests {

	private final FinishedIntakes finished;
	private final PatientDirectory directory;
	private final Episodes episodes;
	private final Consents consents;
	private final Intakes intakes;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;

	private TenantId clinic;
	private StrideUser alex;

	FinishedIntakesTests(FinishedIntakes finished, PatientDirectory directory, Episodes episodes, Consents consents,
			Intakes intakes, CareTeams careTeams, ClinicRegistry clinics) {
		this.finished = finished;
		this.directory = directory;
		this.episodes = episodes;
		this.consents = consents;
		this.intakes = intakes;
		this.careTeams = careTeams;
		this.clinics = clinics;
	}

	@BeforeEach
	void aClinic() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		alex = signIn(user(clinic, "pt.alex", Role.THERAPIST));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void eachEpisodesFinishedIntakeComesBackWholeAndTheDraftNot() {

		var maya = patientOfAlex("patient.maya");
		var leo = patientOfAlex("patient.leo");
		as(() -> intakes.submit(maya, answers(RedFlag.FEVER)));
		var beforeLeo = Instant.now();
		as(() -> intakes.submit(leo, answers()));

		assertThat(as(() -> finished.find(maya, 1))).hasValueSatisfying(it -> {
			assertThat(it.patient()).isEqualTo(maya);
			assertThat(it.episode()).isOne();
			assertThat(it.answers()).isEqualTo(answers(RedFlag.FEVER));
		});

		as(() -> episodes.discharge(maya, Discharge.of(DischargeReason.GOALS_MET, "Back to running."), alex));
		as(() -> episodes.reactivate(maya, alex));
		assertThat(as(() -> finished.find(maya, 2))).as("the new episode's draft is not finished").isEmpty();
		assertThat(as(() -> finished.find(maya, 1))).hasValueSatisfying(it -> {
			assertThat(it.episode()).isOne();
			assertThat(it.answers().psfs()).containsExactly(new PsfsItem("Picking up my daughter", 3),
					new PsfsItem("Sitting at work", 4));
			assertThat(it.answers().redFlags()).containsExactly(RedFlag.FEVER);
		});

		var again = new IntakeAnswers(Set.of(PainRegion.NECK), 2, PainDuration.ACUTE, Set.of(), Set.of(), "Sleep well",
				List.of(), Set.of());
		as(() -> intakes.submit(maya, again));
		assertThat(as(() -> finished.find(maya, 2))).hasValueSatisfying(it -> assertThat(it.answers()).isEqualTo(again));

		assertThat(as(() -> finished.page(List.of(maya), null, null, 0, 10)))
				.extracting(FinishedIntakes.FinishedIntake::episode).containsExactly(2, 1);
		assertThat(as(() -> finished.page(null, null, null, 0, 10)))
				.extracting(it -> it.patient().id() + "/" + it.episode())
				.containsExactly(maya.id() + "/2", leo.id() + "/1", maya.id() + "/1");
		assertThat(as(() -> finished.page(null, beforeLeo, null, 1, 10)))
				.extracting(FinishedIntakes.FinishedIntake::patient).containsExactly(leo);
		assertThat(as(() -> finished.page(null, null, beforeLeo, 0, 10)))
				.extracting(FinishedIntakes.FinishedIntake::patient).containsExactly(maya);
		assertThat(as(() -> finished.page(List.of(), null, null, 0, 10))).isEmpty();

		var other = clinics.register(TenantId.of("o-" + UUID.randomUUID()), "Other").tenant();
		assertThat(CurrentTenant.callAs(other, () -> finished.find(maya, 1))).isEmpty();
		assertThat(CurrentTenant.callAs(other, () -> finished.page(null, null, null, 0, 10))).isEmpty();
	}

	private PatientId patientOfAlex(String username) {
		return as(() -> {
			var id = directory.register(patient(username, "WA"));
			for (var document : ConsentDocument.values()) {
				consents.accept(id, document, consents.currentVersion(document));
			}
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			return id;
		});
	}

	private <T> T as(Supplier<T> work) {
		return CurrentTenant.callAs(clinic, work);
	}
}
