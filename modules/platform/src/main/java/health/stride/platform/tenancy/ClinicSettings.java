package health.stride.platform.tenancy;

import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * What a clinic administrator sets on the settings page. The page checks each value against its
 * rules (states against the US list, the grace period's range) before it gets here; these
 * assertions are the last guard.
 */
public record ClinicSettings(String name, ZoneId timeZone, List<String> states, @Nullable String supportPhone,
		@Nullable String supportEmail, int coverageGraceDays) {

	public static final int MAX_GRACE_DAYS = 365;

	public ClinicSettings {
		Assert.hasText(name, "A clinic needs a name");
		Assert.isTrue(coverageGraceDays >= 0 && coverageGraceDays <= MAX_GRACE_DAYS, "Grace period out of range");
		states = List.copyOf(states);
	}

	public static ClinicSettings of(Clinic clinic) {
		return new ClinicSettings(clinic.name(), clinic.timeZone(), clinic.states(), clinic.supportPhone().orElse(null),
				clinic.supportEmail().orElse(null), (int) clinic.coverageGracePeriod().toDays());
	}
}
