package health.stride.messaging.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.messaging.Threads;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Response times against a thread worked out by hand. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ResponseTimeTests {

	private final org.springframework.context.MessageSource messages;
	private final ResponseTimes responseTimes;
	private final Threads threads;
	private final PatientDirectory patients;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	ResponseTimeTests(org.springframework.context.MessageSource messages, ResponseTimes responseTimes, Threads threads, PatientDirectory patients, ClinicRegistry clinics,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.messages = messages;
		this.responseTimes = responseTimes;
		this.threads = threads;
		this.patients = patients;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Test
	void timesTheFirstReplyToEachQuestionAndCreditsWhoReplied() {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var start = Instant.now().minus(Duration.ofDays(3));
		CurrentTenant.runAs(clinic, () -> {
			var patient = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1986, 4, 12), "maya@example.org", null, "WA", "America/Los_Angeles"));
			var thread = threads.open(patient);
			record Line(int minutes, String role, String name) {}
			var lines = List.of(new Line(0, "PATIENT", "Maya"), new Line(10, "PATIENT", "Maya"), // one question, asked twice
					new Line(60, "THERAPIST", "Alex"), new Line(65, "SYSTEM", "Stride"), new Line(70, "COACH", "Rio"),
					new Line(200, "PATIENT", "Maya"), new Line(230, "COACH", "Rio"),
					new Line(400, "PATIENT", "Maya"), new Line(520, "THERAPIST", "Alex"),
					new Line(600, "PATIENT", "Maya")); // not answered yet: not counted
			transaction.executeWithoutResult(status -> {
				for (int i = 0; i < lines.size(); i++) {
					var line = lines.get(i);
					jdbc.sql("""
							insert into messaging.message (tenant_id, thread_id, seq, id, sender_username, sender_role,
							    sender_name, body, sent_at)
							values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?, ?, 'text', ?)""")
							.params(thread, i + 1, UUID.randomUUID(), line.role().equals("SYSTEM") ? null : line.name(),
									line.role(), line.name(), java.sql.Timestamp.from(start.plus(Duration.ofMinutes(line.minutes()))))
							.update();
				}
			});
		});

		var times = CurrentTenant.callAs(clinic, responseTimes::lastThirtyDays);

		assertThat(times).extracting(ResponseTimes.ClinicianTimes::clinician, ResponseTimes.ClinicianTimes::replies,
				ResponseTimes.ClinicianTimes::median, ResponseTimes.ClinicianTimes::p90)
				.containsExactly(
						tuple("Alex", 2, Duration.ofMinutes(90), Duration.ofMinutes(114)), // 60 and 120 minutes
						tuple("Rio", 1, Duration.ofMinutes(30), Duration.ofMinutes(30)));
		assertThat(messages.getMessage(ResponseTimes.words(Duration.ofMinutes(114)), java.util.Locale.ENGLISH))
				.isEqualTo("1 h 54 min");
		assertThat(messages.getMessage(ResponseTimes.words(Duration.ofMinutes(3000)), java.util.Locale.ENGLISH))
				.isEqualTo("2 d 2 h");
		assertThat(messages.getMessage(ResponseTimes.words(Duration.ofSeconds(20)), java.util.Locale.of("es")))
				.isEqualTo("menos de 1 min");
	}
}
