package health.stride.eligibility.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import health.stride.platform.i18n.Language;
import health.stride.platform.identity.Accounts.AccountsUnavailable;

/**
 * The emails of a signup. They name the clinic and, for the link, the username chosen, so the
 * member recognises (or disowns) the request; never the sponsor, a birth date, a member id or
 * anything about care. The link carries the clinic's alias and a random token only. They are written
 * in the language the member chose at signup.
 */
@Component
public class SignupEmails {

	private final ObjectProvider<JavaMailSender> mail;
	private final MessageSource messages;
	private final String publicUrl;
	private final String from;

	SignupEmails(ObjectProvider<JavaMailSender> mail, MessageSource messages, @Value("${stride.public-url:http://localhost:8080}") String publicUrl,
			@Value("${stride.mail.from:Stride <no-reply@stride.example>}") String from) {
		this.mail = mail;
		this.messages = messages;
		this.publicUrl = publicUrl;
		this.from = from;
	}

	/** The link that finishes a signup, in the language the member chose. */
	public void confirmationLink(String to, String clinicName, String clinicAlias, String username, String token,
			java.time.Duration validFor, Language language) {
		var link = publicUrl + "/c/" + clinicAlias + "/signup/confirm?token=" + token;
		send(to, text("eligibility.email.link.subject", language, clinicName),
				text("eligibility.email.link.body", language, clinicName, username, validFor.toHours(), link));
	}

	/** Someone asked for an account that the owner of this address has already. */
	public void accountExists(String to, String clinicName, Language language) {
		send(to, text("eligibility.email.exists.subject", language),
				text("eligibility.email.exists.body", language, clinicName, publicUrl + "/"));
	}

	private String text(String code, Language language, Object... arguments) {
		return messages.getMessage(code, arguments, language.locale());
	}

	private void send(String to, String subject, String text) {

		var sender = mail.getIfAvailable();
		if (sender == null) {
			throw new AccountsUnavailable("No mail server is configured (spring.mail.host)", null);
		}

		var message = new SimpleMailMessage();
		message.setFrom(from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(text);

		try {
			sender.send(message);
		} catch (MailException e) {
			throw new AccountsUnavailable("The email could not be sent", e);
		}
	}
}
