package health.stride.eligibility;

import java.util.List;
import java.util.Set;

/** US states and the District of Columbia, by postal code: where a patient lives decides who may treat them. */
public final class UsStates {

	public static final List<String> CODES = List.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA",
			"HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
			"NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
			"WA", "WV", "WI", "WY");

	/** The time zones of the United States a patient can pick. */
	public static final List<String> TIME_ZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
			"America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico");

	private static final Set<String> KNOWN = Set.copyOf(CODES);

	private UsStates() {}

	public static boolean isState(String code) {
		return KNOWN.contains(code);
	}
}
