package health.stride.careteams;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** State licenses valid for a year, for tests that only care where a therapist may treat. */
final class Licenses {

	private Licenses() {}

	static List<License> valid(String... states) {
		return Arrays.stream(states)
				.map(state -> new License(state, LicenseKind.LICENSE, "PT-" + state + "-1", LocalDate.now().plusYears(1)))
				.toList();
	}
}
