package health.stride.messaging.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicLogo;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Email notices through a real SMTP server (GreenMail): what they say, how often, and only when wanted. */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"stride.public-url=https://stride.example", "stride.mail.notice-interval=PT1H" })
class EmailNoticeTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private final EmailNotices notices;
	private final Threads threads;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	private TenantId clinic;
	private PatientId maya;
	private StrideUser alex;
	private String email;

	EmailNoticeTests(EmailNotices notices, Threads threads, PatientDirectory patients, CareTeams careTeams,
			ClinicRegistry clinics, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.notices = notices;
		this.threads = threads;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void mayaWithAlex() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Northside Physio").tenant();
		alex = new StrideUser(UUID.randomUUID().toString(), "pt.alex", List.of(clinic), Set.of(Role.THERAPIST));
		email = "maya-" + UUID.randomUUID() + "@example.org";
		maya = CurrentTenant.callAs(clinic, () -> {
			var id = patients.register(new NewPatient(UUID.randomUUID().toString(), "patient.maya", "Maya", "Okafor",
					LocalDate.of(1986, 4, 12), email, null, "WA", "America/Los_Angeles"));
			careTeams.assign(id, new CareTeam.Member(UUID.randomUUID(), "pt.alex", "Alex Morgan, PT"), null);
			return id;
		});
		// the welcome owes the first notice; send it and start from an empty inbox
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> owed());
		CurrentTenant.runAs(clinic, notices::sendDue);
		smtp.reset();
	}

	boolean owed() {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(status -> jdbc
				.sql("select count(*) from messaging.email_notice where patient_id = ? and pending_since is not null")
				.param(maya.id()).query(Long.class).single())) > 0;
	}

	void post(String text) {
		var thread = CurrentTenant.callAs(clinic, () -> threads.ofPatient(maya)).orElseThrow().id();
		CurrentTenant.runAs(clinic, () -> threads.post(thread, alex, text));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::owed);
	}

	@Test
	void saysOnlyThatAMessageWaitsAndWhere() throws Exception {

		makeTheLastNoticeOld();
		post("Your MRI shows a herniated disc at L5-S1; keep up the Pelvic Tilts.");
		CurrentTenant.runAs(clinic, notices::sendDue);

		var received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		var message = received[0];
		var body = GreenMailUtil.getBody(message);
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
		assertThat(message.getSubject()).isEqualTo("New message from your care team at Northside Physio");
		assertThat(body).contains("https://stride.example/portal/messages");
		assertThat(body + message.getSubject()).doesNotContain("MRI", "herniated", "disc", "Pelvic", "L5", "Maya",
				"Okafor", "Alex", "sciatica", "pain");
	}

	@Test
	void carriesTheClinicsPngLogoInsideTheEmailAndNoSvg() throws Exception {

		var png = java.util.Base64.getDecoder().decode(
				"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
		CurrentTenant.runAs(clinic, () -> clinics.changeLogo(clinic, new ClinicLogo(png, ClinicLogo.PNG)));
		makeTheLastNoticeOld();
		post("Any news?");
		CurrentTenant.runAs(clinic, notices::sendDue);

		var received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		var parts = new java.util.ArrayList<jakarta.mail.BodyPart>();
		collect((jakarta.mail.Multipart) received[0].getContent(), parts);
		jakarta.mail.BodyPart image = null;
		for (var part : parts) {
			if (part.getHeader("Content-ID") != null) {
				image = part;
			}
		}
		assertThat(image).as("an inline part named by Content-ID").isNotNull();
		assertThat(image.getHeader("Content-ID")).containsExactly("<clinic-logo>");
		assertThat(image.getContentType()).startsWith("image/png");
		assertThat(image.getInputStream().readAllBytes()).isEqualTo(png);
		var raw = new java.io.ByteArrayOutputStream();
		received[0].writeTo(raw);
		assertThat(raw.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("cid:clinic-logo", "alt=\"Northside Physio\"")
				.contains("/portal/messages").doesNotContain("Any news");

		smtp.reset();
		CurrentTenant.runAs(clinic, () -> clinics.changeLogo(clinic, new ClinicLogo(
				"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8), ClinicLogo.SVG)));
		makeTheLastNoticeOld();
		post("And now?");
		CurrentTenant.runAs(clinic, notices::sendDue);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(smtp.getReceivedMessages()[0].getContent()).as("plain text, no logo").isInstanceOf(String.class);
	}

	@Test
	void goesOutInThePatientsLanguage() throws Exception {

		CurrentTenant.runAs(clinic, () -> patients.changeLanguage(maya, Language.SPANISH));
		makeTheLastNoticeOld();
		post("¿Cómo le fue?");
		CurrentTenant.runAs(clinic, notices::sendDue);

		var received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Nuevo mensaje de su equipo de atención en Northside Physio");
		assertThat(GreenMailUtil.getBody(received[0])).contains("Inicie sesi").contains("https://stride.example/portal/messages")
				.doesNotContain("Sign in");
	}

	@Test
	void sendsAtMostOneEveryFifteenMinutes() {

		makeTheLastNoticeOld();
		post("First");
		post("Second");
		CurrentTenant.runAs(clinic, notices::sendDue);
		assertThat(smtp.getReceivedMessages()).as("two messages, one email").hasSize(1);

		post("Third, five minutes later");
		CurrentTenant.runAs(clinic, notices::sendDue);
		assertThat(smtp.getReceivedMessages()).as("within 15 minutes of the last").hasSize(1);

		makeTheLastNoticeOld();
		CurrentTenant.runAs(clinic, notices::sendDue);
		assertThat(smtp.getReceivedMessages()).as("the waiting notice, once 15 minutes passed").hasSize(2);
	}

	@Test
	void sendsNothingToAPatientWhoTurnedNoticesOff() {

		makeTheLastNoticeOld();
		CurrentTenant.runAs(clinic, () -> notices.setEmailEnabled("patient.maya", false));
		post("Anything");
		CurrentTenant.runAs(clinic, notices::sendDue);
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(owed()).as("the notice is dropped, not kept for later").isFalse();

		CurrentTenant.runAs(clinic, () -> notices.setEmailEnabled("patient.maya", true));
		assertThat(CurrentTenant.callAs(clinic, () -> notices.emailEnabled("patient.maya"))).isTrue();
	}

	private static void collect(jakarta.mail.Multipart multipart, List<jakarta.mail.BodyPart> parts) throws Exception {
		for (var i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.getContent() instanceof jakarta.mail.Multipart nested) {
				collect(nested, parts);
			} else {
				parts.add(part);
			}
		}
	}

	/** As if the last notice went out 16 minutes ago. */
	void makeTheLastNoticeOld() {
		CurrentTenant.runAs(clinic, () -> transaction.executeWithoutResult(status -> jdbc
				.sql("update messaging.email_notice set last_sent_at = now() - interval '16 minutes' where patient_id = ?")
				.param(maya.id()).update()));
	}
}
