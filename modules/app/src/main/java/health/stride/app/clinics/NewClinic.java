package health.stride.app.clinics;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import health.stride.eligibility.UsStates;
import health.stride.platform.validation.FieldErrors;

/**
 * A clinic to create, with its first administrator: the body of {@code POST /api/clinics} and the
 * platform page's form. Its rules are checked in one place ({@link #check}), for both.
 *
 * @param alias the clinic's Keycloak organization alias and tenant id
 */
public record NewClinic(@Nullable String name, @Nullable String alias, @Nullable String timeZone,
		@Nullable List<@Nullable String> states, @Nullable Admin admin) {

	/** The clinic's first administrator. */
	public record Admin(@Nullable String firstName, @Nullable String lastName, @Nullable String email) {

		static Admin empty() {
			return new Admin("", "", "");
		}
	}

	/** The database's (and Keycloak's URL-safe) alias rule: lower-case letters, digits, inner hyphens. */
	static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	static NewClinic empty() {
		return new NewClinic("", "", "", List.of(), Admin.empty());
	}

	/** Checks every field, reporting message codes under the body's field names. */
	FieldErrors check() {

		var errors = new FieldErrors();

		if (!text(name(), 100)) {
			errors.reject("name", "app.clinics.name.invalid");
		}
		if (alias() == null || !ALIAS.matcher(alias()).matches()) {
			errors.reject("alias", "app.clinics.alias.invalid");
		}
		if (zone() == null) {
			errors.reject("timeZone", "app.clinics.time-zone.invalid");
		}
		var states = states();
		if (states == null || states.isEmpty() || states.size() > UsStates.CODES.size()
				|| !states.stream().allMatch(state -> state != null && UsStates.isState(state.strip().toUpperCase(Locale.ROOT)))) {
			errors.reject("states", "app.clinics.states.invalid");
		}
		var admin = admin() == null ? Admin.empty() : admin();
		if (!text(admin.firstName(), 60)) {
			errors.reject("admin.firstName", "app.clinics.admin.first-name.invalid");
		}
		if (!text(admin.lastName(), 60)) {
			errors.reject("admin.lastName", "app.clinics.admin.last-name.invalid");
		}
		if (admin.email() == null || admin.email().strip().length() > 254 || !EMAIL.matcher(admin.email().strip()).matches()) {
			errors.reject("admin.email", "app.clinics.admin.email.invalid");
		}
		return errors;
	}

	/** The time zone, if it names a region's zone (e.g. {@code America/Chicago}). */
	@Nullable ZoneId zone() {
		if (timeZone() == null || timeZone().length() > 64 || !ZoneId.getAvailableZoneIds().contains(timeZone().strip())) {
			return null;
		}
		try {
			return ZoneId.of(timeZone().strip());
		} catch (DateTimeException unknown) {
			return null;
		}
	}

	/** The states as codes, upper-case, sorted, once each (after {@link #check} passed). */
	List<String> stateCodes() {
		var states = states();
		return states == null ? List.of()
				: states.stream().filter(java.util.Objects::nonNull).map(it -> it.strip().toUpperCase(Locale.ROOT))
						.distinct().sorted().toList();
	}

	private static boolean text(@Nullable String value, int max) {
		return value != null && !value.isBlank() && value.strip().length() <= max
				&& value.chars().noneMatch(Character::isISOControl);
	}
}
