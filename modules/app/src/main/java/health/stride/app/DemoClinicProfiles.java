package health.stride.app;

import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import health.stride.platform.tenancy.TenantId;

/**
 * Where the demo clinics work, so the platform page tells the truth about them: Northside serves
 * Washington, Oregon and California, Lakeside Washington, both on Pacific time. Demo clinics
 * registered before clinics had states (a kept local database) get theirs here.
 */
@Component
@Profile("demo")
class DemoClinicProfiles implements ApplicationRunner {

	static final ZoneId TIME_ZONE = ZoneId.of("America/Los_Angeles");

	private final JdbcClient jdbc;

	DemoClinicProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static List<String> statesOf(TenantId clinic) {
		return switch (clinic.value()) {
			case "northside" -> List.of("CA", "OR", "WA");
			case "lakeside" -> List.of("WA");
			default -> List.of();
		};
	}

	@Override
	public void run(ApplicationArguments args) {
		for (var clinic : List.of("northside", "lakeside")) {
			jdbc.sql("update platform.clinic set time_zone = ?, states = ?::text[] where id = ? and states = '{}'")
					.params(TIME_ZONE.getId(), "{" + String.join(",", statesOf(TenantId.of(clinic))) + "}", clinic)
					.update();
		}
	}
}
