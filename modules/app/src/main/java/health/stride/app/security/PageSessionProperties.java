package health.stride.app.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a signed-in page session lasts (HIPAA automatic logoff).
 *
 * @param idleTimeout how long it lasts without anything the person does; background polling does not count
 * @param absoluteTimeout how long it lasts after sign-in, however active
 * @param idleWarning how long before the idle sign-out a page asks whether the person is still there
 * @param revalidateEvery how often a page session asks Keycloak whether the session behind it still stands
 */
@ConfigurationProperties("stride.sessions")
record PageSessionProperties(@DefaultValue("15m") Duration idleTimeout, @DefaultValue("12h") Duration absoluteTimeout,
		@DefaultValue("2m") Duration idleWarning, @DefaultValue("1m") Duration revalidateEvery) {}
