package health.stride.visits.web;

import java.text.Normalizer;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.FieldErrors;
import health.stride.visits.HostKind;
import health.stride.visits.VisitType;

/**
 * What a clinic administrator types to add or change a kind of visit. The key is taken from the name
 * when left empty; a seeded kind left without a name keeps its name in every language.
 */
record VisitTypeForm(@Nullable String name, @Nullable String key, @Nullable String minutes, @Nullable String heldBy,
		@Nullable Boolean selfBookable) {

	static final int MAX_KEY = 40;

	static VisitTypeForm empty() {
		return new VisitTypeForm("", "", "30", HostKind.THERAPIST.name(), true);
	}

	static VisitTypeForm of(VisitType type) {
		return new VisitTypeForm(type.name() == null ? "" : type.name(), type.key(), String.valueOf(type.minutes()),
				type.heldBy().name(), type.selfBookable());
	}

	/** The kind of visit with this key, or null with the reasons in {@code errors}. */
	@Nullable VisitType toType(String key, boolean seeded, FieldErrors errors) {

		var text = name == null || name.isBlank() ? null : name.strip();
		if (text == null && !seeded) {
			errors.reject("name", "visits.types.name-required");
		}
		Integer length = null;
		if (minutes != null && minutes.strip().matches("\\d{1,3}")
				&& Integer.parseInt(minutes.strip()) >= 5 && Integer.parseInt(minutes.strip()) <= 240) {
			length = Integer.valueOf(minutes.strip());
		} else {
			errors.reject("minutes", "visits.types.invalid-minutes", 5, 240);
		}
		HostKind holder = null;
		try {
			holder = heldBy == null ? null : HostKind.valueOf(heldBy.strip());
		} catch (IllegalArgumentException unknown) {
			// answered below
		}
		if (holder == null) {
			errors.reject("heldBy", "visits.visit-types.held-by.required");
		}
		if (!errors.isEmpty() || length == null || holder == null) {
			return null;
		}
		return new VisitType(key, text, length, holder, Boolean.TRUE.equals(selfBookable));
	}

	/** The key typed, or one made from the name: lower-case letters and digits joined by single hyphens. */
	String keyOrFromName() {
		var typed = key == null ? "" : key.strip();
		if (!typed.isEmpty()) {
			return typed;
		}
		var plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
				.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
		if (plain.length() > MAX_KEY) {
			plain = plain.substring(0, MAX_KEY).replaceAll("-+$", "");
		}
		return plain;
	}
}
