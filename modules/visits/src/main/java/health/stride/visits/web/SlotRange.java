package health.stride.visits.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.FieldErrors;

/**
 * The span of time someone asks for open slots in: {@code from} and {@code to} as dates (read in the
 * reader's time zone, {@code to} included whole) or as date-times with an offset. At most
 * {@link #LONGEST} long.
 */
record SlotRange(Instant from, Instant to) {

	static final Duration LONGEST = Duration.ofDays(31);
	private static final int LONGEST_TEXT = 40;

	/** The range, or null with the reasons in {@code errors}. */
	static @Nullable SlotRange parse(@Nullable String from, @Nullable String to, ZoneId zone, FieldErrors errors) {

		var start = instant("from", from, zone, false, errors);
		var end = instant("to", to, zone, true, errors);
		if (start == null || end == null) {
			return null;
		}
		if (!end.isAfter(start)) {
			errors.reject("to", "visits.api.range-inverted");
			return null;
		}
		if (Duration.between(start, end).compareTo(LONGEST) > 0) {
			errors.reject("to", "visits.api.range-too-long", LONGEST.toDays());
			return null;
		}
		return new SlotRange(start, end);
	}

	private static @Nullable Instant instant(String field, @Nullable String text, ZoneId zone, boolean end,
			FieldErrors errors) {

		if (text == null || text.isBlank()) {
			errors.reject(field, "visits.api.time-required");
			return null;
		}
		var value = text.strip();
		if (value.length() <= LONGEST_TEXT) {
			try {
				if (value.length() == 10) {
					var day = LocalDate.parse(value);
					return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
				}
				return OffsetDateTime.parse(value).toInstant();
			} catch (DateTimeParseException malformed) {
				// answered below
			}
		}
		errors.reject(field, "visits.api.time-malformed");
		return null;
	}
}
