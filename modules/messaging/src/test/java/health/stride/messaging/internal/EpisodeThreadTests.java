package health.stride.messaging.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episodes;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDischarged;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PortalAccess;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A discharge closes the patient's thread with a message from Stride, the next episode opens it
 * again; the patient cannot write in between, the care team can, and a replayed discharge posts nothing.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class EpisodeThreadTests {

	private final Threads threads;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Episodes episodes;
	private final ClinicRegistry clinics;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser alex;
	private StrideUser mayaUser;

	EpisodeThreadTests(Threads threads, PatientDirectory patients, CareTeams careTeams, Episodes episodes,
			ClinicRegistry clinics, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.threads = threads;
		this.patients = patients;
		this.careTeams = careTeams;
		this.episodes = episodes;
		this.clinics = clinics;
	}

	@BeforeEach
	void mayaWithAlex(Scenario scenario) {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		mayaUser = new StrideUser(UUID.randomUUID().toString(), "patient.maya", List.of(clinic), Set.of(Role.PATIENT));
		maya = CurrentTenant.callAs(clinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				"patient.maya", "Maya", "Okafor", LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA",
				"America/Los_Angeles")));
		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> careTeams.assign(maya, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex, PT"), null))
				.andWaitForStateChange(this::lastSeq, seq -> seq > 0));
	}

	@Test
	void aDischargeClosesTheThreadForThePatientAndTheNextEpisodeOpensIt(Scenario scenario) {

		var thread = CurrentTenant.callAs(clinic, () -> threads.open(maya));
		var before = lastSeq();

		CurrentTenant.runAs(clinic, () -> scenario
				.stimulate(() -> episodes.discharge(maya, Episodes.Discharge.of(DischargeReason.GOALS_MET, "Goals met"), alex))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.closedAt(maya)),
						java.util.Optional::isPresent));

		assertThat(lastSeq()).isEqualTo(before + 1);
		assertThat(CurrentTenant.callAs(clinic, () -> threads.latest(maya, 1))).singleElement()
				.satisfies(it -> assertThat(it.code()).isEqualTo(SystemMessages.EPISODE_ENDED));
		assertThatExceptionOfType(PortalAccess.ReadOnly.class)
				.isThrownBy(() -> CurrentTenant.runAs(clinic, () -> threads.post(thread, mayaUser, "Can I come back?")));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.post(thread, alex, "All the best, Maya.")).body())
				.as("the care team may still write").isEqualTo("All the best, Maya.");

		// a discharge announced again (a restart re-publishing it) posts nothing more
		var afterReply = lastSeq();
		CurrentTenant.runAs(clinic, () -> scenario.publish(new PatientDischarged(clinic, maya, 1))
				.andWaitForStateChange(this::pendingPublications, pending -> pending == 0));
		assertThat(lastSeq()).isEqualTo(afterReply);

		CurrentTenant.runAs(clinic, () -> scenario.stimulate(() -> episodes.reactivate(maya, alex))
				.andWaitForStateChange(() -> CurrentTenant.callAs(clinic, () -> threads.closedAt(maya)),
						java.util.Optional::isEmpty));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.latest(maya, 1))).singleElement()
				.satisfies(it -> assertThat(it.code()).isEqualTo(SystemMessages.EPISODE_OPENED));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.post(thread, mayaUser, "I am back")).body())
				.isEqualTo("I am back");

		// the first discharge re-published after the patient came back closes nothing
		var now = lastSeq();
		CurrentTenant.runAs(clinic, () -> scenario.publish(new PatientDischarged(clinic, maya, 1))
				.andWaitForStateChange(this::pendingPublications, pending -> pending == 0));
		assertThat(CurrentTenant.callAs(clinic, () -> threads.closedAt(maya))).isEmpty();
		assertThat(lastSeq()).isEqualTo(now);
	}

	/** Events whose listeners have not finished yet (the publication registry is not a clinic's). */
	long pendingPublications() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
	}

	long lastSeq() {
		return CurrentTenant.callAs(clinic, () -> threads.ofPatient(maya)).map(Threads.Thread::lastSeq).orElse(0L);
	}
}
