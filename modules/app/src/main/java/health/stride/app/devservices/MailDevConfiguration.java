package health.stride.app.devservices;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the local run's mail server (GreenMail) with the application and stops it with it, so
 * signup links and Keycloak's emails can be read without a real mailbox.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("stride.dev.mail.enabled")
@EnableConfigurationProperties(MailDevConfiguration.MailDevProperties.class)
class MailDevConfiguration {

	@Bean(destroyMethod = "close")
	MailDevServer.Running localMail(MailDevProperties properties) {
		return new MailDevServer(properties.jar(), properties.smtpPort(), properties.imapPort(), properties.apiPort(),
				properties.log(), properties.javaHome(), properties.startupTimeout()).start();
	}

	/**
	 * @param enabled whether to start (or find) the mail server on startup
	 * @param jar the GreenMail standalone jar
	 * @param smtpPort where Stride (spring.mail.port) and the dev realm (smtpServer) send
	 * @param imapPort for reading with a mail client
	 * @param apiPort GreenMail's web API
	 * @param log GreenMail's output
	 * @param javaHome the JDK to run it with; searched for when not set
	 * @param startupTimeout how long the application waits for it
	 */
	@ConfigurationProperties("stride.dev.mail")
	record MailDevProperties(boolean enabled, @DefaultValue(".stride/greenmail/greenmail-standalone.jar") Path jar,
			@DefaultValue("2525") int smtpPort, @DefaultValue("2143") int imapPort, @DefaultValue("8025") int apiPort,
			@DefaultValue(".stride/greenmail/greenmail.log") Path log, @Nullable Path javaHome,
			@DefaultValue("60s") Duration startupTimeout) {}
}
