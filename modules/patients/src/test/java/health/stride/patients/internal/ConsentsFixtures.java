package health.stride.patients.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import health.stride.patients.ConsentVersions;
import health.stride.patients.Consents;

/** Consents as they would read with other current versions of the documents, for tests of a new version. */
public final class ConsentsFixtures {

	private ConsentsFixtures() {}

	public static Consents withVersions(JdbcClient jdbc, ConsentVersions versions) {
		return new JdbcConsents(jdbc, versions, null, null);
	}
}
