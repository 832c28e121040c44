package health.stride.eligibility;

import java.util.Locale;
import java.util.regex.Pattern;

/** The short code a clinic gives a sponsor (e.g. {@code ACME}); members quote it to check coverage. */
public record SponsorCode(String value) {

	private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,19}");

	public SponsorCode {
		if (value == null || !CODE.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"A sponsor code has 2 to 20 capital letters, digits or hyphens, e.g. ACME or CASCADE-1");
		}
	}

	/** Reads a code as people type it: any case, surrounding spaces ignored. */
	public static SponsorCode of(String typed) {
		return new SponsorCode(typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		return value;
	}
}
