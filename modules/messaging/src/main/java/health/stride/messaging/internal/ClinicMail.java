package health.stride.messaging.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import health.stride.platform.tenancy.ClinicLogo;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * How messaging's emails to patients leave: from Stride's address ({@code stride.mail.from}), in the
 * clinic's name, headed by its logo when it has a PNG one. The message notices and the exercise
 * reminders both send through it. Without an SMTP server ({@code spring.mail.host}) there is none.
 */
@Component
class ClinicMail {

	static final String LOGO_ID = "clinic-logo";

	private final ObjectProvider<JavaMailSender> mail;
	private final ClinicRegistry clinics;
	private final MessageSource messages;
	private final String from;

	ClinicMail(ObjectProvider<JavaMailSender> mail, ClinicRegistry clinics, MessageSource messages,
			@Value("${stride.mail.from:Stride <no-reply@stride.example>}") String from) {
		this.mail = mail;
		this.clinics = clinics;
		this.messages = messages;
		this.from = from;
	}

	/** The current clinic's letterhead, read once for a run of the job; empty without an SMTP server. */
	Optional<Letterhead> letterhead() {
		var sender = mail.getIfAvailable();
		if (sender == null) {
			return Optional.empty();
		}
		var clinic = CurrentTenant.require();
		// email programs show PNG reliably and SVG hardly ever: an SVG logo stays off the emails
		return Optional.of(new Letterhead(sender, clinics.find(clinic).map(it -> it.name()).orElse(null),
				clinics.logo(clinic).filter(it -> !it.isSvg()).orElse(null)));
	}

	/** One clinic's way of sending. */
	final class Letterhead {

		private final JavaMailSender sender;
		private final @Nullable String clinic;
		private final @Nullable ClinicLogo logo;

		private Letterhead(JavaMailSender sender, @Nullable String clinic, @Nullable ClinicLogo logo) {
			this.sender = sender;
			this.clinic = clinic;
			this.logo = logo;
		}

		/** The clinic's name, or "your clinic" in the reader's language. */
		String clinic(Locale locale) {
			return clinic != null ? clinic : messages.getMessage("messaging.email.your-clinic", null, locale);
		}

		/** Sends the text, with the logo above it as HTML when there is one. */
		void send(String to, String subject, String text, Locale locale) throws MailException {
			var message = new SimpleMailMessage();
			message.setFrom(from);
			message.setTo(to);
			message.setSubject(subject);
			message.setText(text);
			var shown = logo;
			if (shown == null) {
				sender.send(message);
			} else {
				sender.send(mime -> withLogo(mime, message, clinic(locale), shown));
			}
		}
	}

	/**
	 * The email as plain text and as HTML headed by the clinic's logo, carried in the email itself
	 * (an inline part the HTML names by Content-ID) so no picture is fetched from anywhere.
	 */
	static void withLogo(MimeMessage mime, SimpleMailMessage email, String clinic, ClinicLogo logo)
			throws MessagingException {

		var helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
		helper.setFrom(Objects.requireNonNull(email.getFrom()));
		helper.setTo(Objects.requireNonNull(email.getTo()));
		helper.setSubject(Objects.requireNonNull(email.getSubject()));
		var text = Objects.requireNonNull(email.getText());
		var html = "<!DOCTYPE html><html><body><p><img src=\"cid:" + LOGO_ID + "\" alt=\"" + HtmlUtils.htmlEscape(clinic)
				+ "\" height=\"40\"></p><p>" + HtmlUtils.htmlEscape(text).replace("\n", "<br>\n") + "</p></body></html>";
		helper.setText(text, html);
		helper.addInline(LOGO_ID, new ByteArrayResource(logo.bytes()), logo.type());
	}
}
