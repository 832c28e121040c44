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

	public java.time.Duration length() {
		return java.time.Duration.ofMinutes(minutes);
	}
}
