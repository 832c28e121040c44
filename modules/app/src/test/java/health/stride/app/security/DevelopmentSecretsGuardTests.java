package health.stride.app.security;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Stride refuses to start on the development realm's published secrets, or none, outside the local run. */
class DevelopmentSecretsGuardTests {

	@Test
	void refusesThePublishedDevelopmentSecretsOutsideTheLocalProfile() {

		var environment = new MockEnvironment()
				.withProperty("stride.keycloak.client-secret", "stride-web-dev-secret")
				.withProperty("stride.keycloak.provisioner-secret", "a-real-secret");

		assertThatIllegalStateException().isThrownBy(() -> DevelopmentSecretsGuard.check(environment))
				.withMessageContaining("STRIDE_KEYCLOAK_CLIENT_SECRET");

		environment.setProperty("stride.keycloak.client-secret", "a-real-secret");
		environment.setProperty("stride.keycloak.provisioner-secret", " stride-provisioner-dev-secret ");
		assertThatIllegalStateException().isThrownBy(() -> DevelopmentSecretsGuard.check(environment))
				.withMessageContaining("STRIDE_KEYCLOAK_PROVISIONER_SECRET");
	}

	@Test
	void refusesToStartWithoutSecrets() {
		assertThatIllegalStateException().isThrownBy(() -> DevelopmentSecretsGuard.check(new MockEnvironment()))
				.withMessageContaining("No Keycloak client secret");
	}

	@Test
	void acceptsRealSecretsAnywhereAndTheDevelopmentOnesInTheLocalRun() {

		var production = new MockEnvironment()
				.withProperty("stride.keycloak.client-secret", "s3cr3t-from-the-vault")
				.withProperty("stride.keycloak.provisioner-secret", "another-one");
		assertThatNoException().isThrownBy(() -> DevelopmentSecretsGuard.check(production));

		var local = new MockEnvironment()
				.withProperty("stride.keycloak.client-secret", "stride-web-dev-secret")
				.withProperty("stride.keycloak.provisioner-secret", "stride-provisioner-dev-secret");
		local.setActiveProfiles("local");
		assertThatNoException().isThrownBy(() -> DevelopmentSecretsGuard.check(local));
	}
}
