package health.stride.messaging.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The notice job goes through every clinic, each in its own transaction. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"stride.mail.notice-interval=PT1H" })
class NoticeJobTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private final NoticeListener job;
	private final ThreadService threads;
	private final PatientDirectory patients;
	private final ClinicRegistry clinics;

	NoticeJobTests(NoticeListener job, ThreadService threads, PatientDirectory patients, ClinicRegistry clinics) {
		this.job = job;
		this.threads = threads;
		this.patients = patients;
		this.clinics = clinics;
	}

	@Test
	void sendsTheNoticesDueInEveryClinic() {

		for (var name : new String[] { "North", "Lake" }) {
			var clinic = clinics.register(TenantId.of(name.toLowerCase() + "-" + UUID.randomUUID()), name).tenant();
			CurrentTenant.runAs(clinic, () -> {
				var patient = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.x", "Pat", "Tester",
						LocalDate.of(1980, 1, 1), name + "@example.org", null, "WA", "America/Los_Angeles"));
				threads.postSystem(patient, "test:" + UUID.randomUUID(), SystemMessages.PLAN_READY, java.util.List.of(), false);
			});
		}
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			job.sendDue();
			assertThat(smtp.getReceivedMessages()).extracting(it -> it.getAllRecipients()[0].toString())
					.contains("North@example.org", "Lake@example.org");
		});
	}
}
