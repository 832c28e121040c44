package health.stride.careteams;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.util.Assert;

/** Permission to treat patients who live in one US state, until it expires. */
public record License(String state, LicenseKind kind, String number, LocalDate expiresOn) {

	public License {
		state = state.strip().toUpperCase(Locale.ROOT);
		number = number.strip();
		Assert.isTrue(state.matches("[A-Z]{2}"), "A license state is a two-letter US state code");
		Assert.hasText(number, "A license has a number");
	}

	public boolean validOn(LocalDate day) {
		return !expiresOn.isBefore(day);
	}
}
