package health.stride.careteams;

import java.time.LocalDate;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import health.stride.platform.validation.FieldErrors;

/** Permission to treat patients who live in one US state, until it expires. */
public record License(String state, LicenseKind kind, String number, LocalDate expiresOn) {

	public License {
		state = state.strip().toUpperCase(Locale.ROOT);
		number = number.strip();
		Assert.isTrue(state.matches("[A-Z]{2}"), "A license state is a two-letter US state code");
		Assert.hasText(number, "A license has a number");
	}

	/**
	 * A license as typed on a form ({@code licenseState}, {@code licenseKind}, {@code licenseNumber},
	 * {@code licenseExpires}): each of its rules that the input breaks is a field's problem, and only
	 * input that keeps them all makes a license. A license typed today must not have expired.
	 */
	public static @Nullable License typed(@Nullable String state, @Nullable LicenseKind kind, @Nullable String number,
			@Nullable String expires, LocalDate today, FieldErrors errors) {

		var code = state == null ? "" : state.strip().toUpperCase(Locale.ROOT);
		var digits = number == null ? "" : number.strip();
		LocalDate expiresOn = null;
		try {
			expiresOn = LocalDate.parse(expires == null ? "" : expires.strip());
		} catch (java.time.format.DateTimeParseException e) {
			errors.reject("licenseExpires", "careteams.license.expires.format");
		}
		if (!code.matches("[A-Z]{2}")) {
			errors.reject("licenseState", "careteams.license.state");
		}
		if (kind == null) {
			errors.reject("licenseKind", "careteams.license.kind");
		}
		if (digits.isEmpty() || digits.length() > 40) {
			errors.reject("licenseNumber", "careteams.license.number", 40);
		}
		if (expiresOn != null && expiresOn.isBefore(today)) {
			errors.reject("licenseExpires", "careteams.license.expires.past");
		}
		var valid = !errors.has("licenseState") && !errors.has("licenseKind") && !errors.has("licenseNumber")
				&& !errors.has("licenseExpires");
		return valid && kind != null && expiresOn != null ? new License(code, kind, digits, expiresOn) : null;
	}

	/** Valid through its expiry day, expired from the day after. */
	public boolean validOn(LocalDate day) {
		return !expiresOn.isBefore(day);
	}

	/**
	 * Whether it lets its holder treat patients of the state on the day. SQL asks the same of the
	 * function {@code careteams.licensed(clinician, state, day)}.
	 */
	public boolean licensedIn(String state, LocalDate day) {
		return this.state.equals(state.strip().toUpperCase(Locale.ROOT)) && validOn(day);
	}
}
