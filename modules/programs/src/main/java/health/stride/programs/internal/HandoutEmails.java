package health.stride.programs.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The email a therapist sends a patient to say their home program handout is ready. It names the
 * clinic and links to the portal's plan page, where the patient downloads the handout after signing
 * in; it carries no attachment, no exercise and nothing else about the patient's care, because an
 * email is neither encrypted end to end nor sure to reach only the patient. It goes out in the
 * patient's language, at once (the therapist asked for it). Without an SMTP server configured
 * ({@code spring.mail.host}) none is sent and the page says so.
 */
@Service
public class HandoutEmails {

	private static final Logger LOG = LoggerFactory.getLogger(HandoutEmails.class);

	/** The portal page the patient downloads the handout from. */
	public static final String PORTAL_PLAN = "/portal/plan";

	public enum Outcome {
		SENT, NO_MAIL_SERVER, NO_ADDRESS, FAILED
	}

	private final ObjectProvider<JavaMailSender> mail;
	private final PatientDirectory patients;
	private final ClinicRegistry clinics;
	private final MessageSource messages;
	private final AuditTrail audit;
	private final String publicUrl;
	private final String from;

	HandoutEmails(ObjectProvider<JavaMailSender> mail, PatientDirectory patients, ClinicRegistry clinics,
			MessageSource messages, AuditTrail audit, @Value("${stride.public-url:http://localhost:8080}") String publicUrl,
			@Value("${stride.mail.from:Stride <no-reply@stride.example>}") String from) {
		this.mail = mail;
		this.patients = patients;
		this.clinics = clinics;
		this.messages = messages;
		this.audit = audit;
		this.publicUrl = publicUrl;
		this.from = from;
	}

	/** Whether emails can go out at all (an SMTP server is configured). */
	public boolean available() {
		return mail.getIfAvailable() != null;
	}

	/** Tells the patient, by email, that their handout waits for them in the portal. */
	public Outcome send(PatientId patient) {

		var sender = mail.getIfAvailable();
		if (sender == null) {
			return Outcome.NO_MAIL_SERVER;
		}
		var address = patients.emailOf(patient);
		if (address.isEmpty()) {
			return Outcome.NO_ADDRESS;
		}
		var locale = patients.languageOf(patient).locale();
		var clinic = clinics.find(CurrentTenant.require()).map(it -> it.name())
				.orElseGet(() -> messages.getMessage("programs.handout.your-clinic", null, locale));
		var message = new SimpleMailMessage();
		message.setFrom(from);
		message.setTo(address.get());
		message.setSubject(messages.getMessage("programs.handout.email.subject", new Object[] { clinic }, locale));
		message.setText(messages.getMessage("programs.handout.email.text", new Object[] { clinic, publicUrl + PORTAL_PLAN },
				locale));
		try {
			sender.send(message);
		} catch (MailException failed) {
			// its message may name the address
			LOG.warn("Could not send a handout notice for patient {}: {}", patient, failed.getClass().getSimpleName());
			return Outcome.FAILED;
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "plan-handout-email");
		return Outcome.SENT;
	}
}
