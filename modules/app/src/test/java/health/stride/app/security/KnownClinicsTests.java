package health.stride.app.security;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;

/**
 * Several nodes share one database: a clinic registered, suspended or reactivated by another node
 * (here: directly in the database) is seen once the known clinics' entry expired, within seconds.
 */
@SpringBootTest
@AutoConfigureMockMvc // unused here, but the same application context as the MockMvc tests', not one more
class KnownClinicsTests {

	static final Duration WINDOW = Duration.ofSeconds(5);

	@Autowired ClinicRegistry registry;
	@Autowired JdbcClient jdbc;

	/** A clock the test moves, so the window is exact rather than a race. */
	static final class TestClock extends Clock {

		Instant now = Instant.parse("2026-12-01T10:00:00Z");

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	@Test
	void learnsOfAClinicRegisteredByAnotherNodeWithinTheWindow() {

		var clock = new TestClock();
		var known = new KnownClinics(registry, clock, WINDOW);
		var alias = TenantId.of("new-" + UUID.randomUUID());
		var member = new StrideUser("id-1", "admin.new", List.of(alias), java.util.Set.of(Role.CLINIC_ADMIN));

		assertThat(known.clinicOf(member)).as("not a clinic yet").isEmpty();

		jdbc.sql("insert into platform.clinic (id, name) values (?, 'Elsewhere Physio')").param(alias.value()).update();
		clock.now = clock.now.plusSeconds(1);
		assertThat(known.clinicOf(member)).as("remembered for the window").isEmpty();

		clock.now = clock.now.plus(WINDOW);
		assertThat(known.clinicOf(member)).as("asked again after the window").contains(alias);
	}

	@Test
	void learnsOfASuspensionAndAReactivationByAnotherNodeWithinTheWindow() {

		var clock = new TestClock();
		var known = new KnownClinics(registry, clock, WINDOW);
		var alias = registry.register(TenantId.of("paused-" + UUID.randomUUID()), "Paused Physio").tenant();

		assertThat(known.isSuspended(alias)).isFalse();

		jdbc.sql("update platform.clinic set suspended_at = now() where id = ?").param(alias.value()).update();
		clock.now = clock.now.plus(WINDOW.minusSeconds(1));
		assertThat(known.isSuspended(alias)).as("remembered for the window").isFalse();
		clock.now = clock.now.plusSeconds(1);
		assertThat(known.isSuspended(alias)).as("asked again after the window").isTrue();

		jdbc.sql("update platform.clinic set suspended_at = null where id = ?").param(alias.value()).update();
		clock.now = clock.now.plus(WINDOW);
		assertThat(known.isSuspended(alias)).isFalse();
	}

	@Test
	void seesAChangeMadeOnItsOwnNodeAtOnce() {

		var clock = new TestClock();
		var known = new KnownClinics(registry, clock, WINDOW);
		var alias = registry.register(TenantId.of("here-" + UUID.randomUUID()), "Here Physio").tenant();
		assertThat(known.isSuspended(alias)).isFalse();

		registry.suspend(alias);
		known.forget(alias);

		assertThat(known.isSuspended(alias)).isTrue();
	}
}
