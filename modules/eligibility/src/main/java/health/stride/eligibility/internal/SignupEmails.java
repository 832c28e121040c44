package health.stride.eligibility.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import health.stride.platform.identity.Accounts.AccountsUnavailable;

/**
 * The emails of a signup. They name the clinic and, for the link, the username chosen, so the
 * member recognises (or disowns) the request; never the sponsor, a birth date, a member id or
 * anything about care. The link carries the clinic's alias and a random token only.
 */
@Component
public class SignupEmails {

	private final ObjectProvider<JavaMailSender> mail;
	private final String publicUrl;
	private final String from;

	SignupEmails(ObjectProvider<JavaMailSender> mail, @Value("${stride.public-url:http://localhost:8080}") String publicUrl,
			@Value("${stride.mail.from:Stride <no-reply@stride.example>}") String from) {
		this.mail = mail;
		this.publicUrl = publicUrl;
		this.from = from;
	}

	/** The link that finishes a signup. */
	public void confirmationLink(String to, String clinicName, String clinicAlias, String username, String token,
			java.time.Duration validFor) {
		send(to, "Finish creating your account at " + clinicName, """
				Hello,

				Someone, hopefully you, asked to create a Stride account at %s with the username %s.
				To finish, open this link within %d hours and confirm:

				%s/c/%s/signup/confirm?token=%s

				If this wasn't you, ignore this email: no account can be used without this step.

				Stride""".formatted(clinicName, username, validFor.toHours(), publicUrl, clinicAlias, token));
	}

	/** Someone asked for an account that the owner of this address has already. */
	public void accountExists(String to, String clinicName) {
		send(to, "You already have a Stride account", """
				Hello,

				Someone, hopefully you, tried to create a new Stride account at %s with your details,
				but you already have an account. Sign in with your username and password:

				%s/

				If you forgot your password, choose "Forgot password?" on the sign-in page.
				If this wasn't you, you can ignore this email; nothing was changed.

				Stride""".formatted(clinicName, publicUrl));
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
