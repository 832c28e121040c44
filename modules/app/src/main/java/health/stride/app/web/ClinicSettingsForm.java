package health.stride.app.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import health.stride.eligibility.UsStates;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicSettings;
import health.stride.platform.validation.FieldErrors;

/** What a clinic administrator types on the settings page; the grace period comes as text to explain a typo. */
record ClinicSettingsForm(
		@NotBlank(message = "{app.settings.name.required}")
		@Size(max = 200, message = "{app.settings.name.too-long}")
		@Nullable String name,
		@NotBlank(message = "{app.settings.time-zone.required}") @Nullable String timeZone,
		@Nullable List<String> states,
		@Pattern(regexp = "\\s*(\\+?[0-9 ()./-]{7,25})?\\s*", message = "{app.settings.support-phone.invalid}")
		@Nullable String supportPhone,
		@Email(message = "{app.settings.support-email.invalid}")
		@Size(max = 254, message = "{app.settings.support-email.invalid}")
		@Nullable String supportEmail,
		@Nullable String coverageGraceDays) {

	static ClinicSettingsForm of(Clinic clinic) {
		return new ClinicSettingsForm(clinic.name(), clinic.timeZone().getId(), clinic.states(),
				clinic.supportPhone().orElse(""), clinic.supportEmail().orElse(""),
				String.valueOf(clinic.coverageGracePeriod().toDays()));
	}

	/**
	 * The settings, or nothing with what Bean Validation cannot say in {@code errors}: a real time
	 * zone, known US states (at least one), a whole number of days in range.
	 */
	@Nullable ClinicSettings settings(FieldErrors errors) {

		ZoneId zone = null;
		try {
			zone = timeZone == null || timeZone.isBlank() ? null : ZoneId.of(timeZone.strip());
		} catch (DateTimeException unknown) {
			errors.reject("timeZone", "app.settings.time-zone.unknown");
		}
		var chosen = states == null ? List.<String>of() : states.stream().map(String::strip).filter(it -> !it.isEmpty()).toList();
		if (chosen.isEmpty()) {
			errors.reject("states", "app.settings.states.required");
		} else {
			chosen.stream().filter(it -> !UsStates.isState(it)).findFirst()
					.ifPresent(unknown -> errors.reject("states", "app.settings.states.unknown", TextInput.printable(unknown)));
		}
		Integer days = null;
		try {
			days = Integer.parseInt(coverageGraceDays == null ? "" : coverageGraceDays.strip());
			if (days < 0 || days > ClinicSettings.MAX_GRACE_DAYS) {
				errors.reject("coverageGraceDays", "app.settings.grace.range", ClinicSettings.MAX_GRACE_DAYS);
			}
		} catch (NumberFormatException notANumber) {
			errors.reject("coverageGraceDays", "app.settings.grace.range", ClinicSettings.MAX_GRACE_DAYS);
		}
		if (!errors.isEmpty() || zone == null || name == null || name.isBlank() || days == null) {
			return null;
		}
		return new ClinicSettings(name.strip(), zone, chosen, blankless(supportPhone), blankless(supportEmail), days);
	}

	private static @Nullable String blankless(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
