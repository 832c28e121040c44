package health.stride.visits;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * A kind of visit the clinic holds. The seeded kinds ({@link #SEEDED}) have no name of their own:
 * their name is read in the reader's language from {@code visits.type.<key>}; a kind the clinic
 * added carries the name it gave it.
 */
public record VisitType(String key, @Nullable String name, int minutes, HostKind heldBy, boolean selfBookable) {

	public static final java.util.List<String> SEEDED = java.util.List.of("initial-evaluation", "follow-up",
			"re-evaluation", "coaching-call");

	public String name(MessageSource messages, Locale locale) {
		return name != null ? name : messages.getMessage("visits.type." + key, null, key, locale);
	}

	/**
	 * Refuses, on the {@code type} field, a kind that does not exist (null), that a clinician of this
	 * kind does not hold, or that a patient may not book themselves: the one rule booking and the open
	 * times share.
	 */
	public static void check(@Nullable VisitType type, HostKind clinician, boolean byPatient,
			health.stride.platform.validation.FieldErrors errors) {
		if (type == null) {
			errors.reject("type", "visits.booking.unknown-type");
		} else if (type.heldBy() != clinician) {
			errors.reject("type", "visits.booking.not-held-by-clinician");
		} else if (byPatient && !type.selfBookable()) {
			errors.reject("type", "visits.booking.not-self-bookable");
		}
	}

	public java.time.Duration length() {
		return java.time.Duration.ofMinutes(minutes);
	}
}
