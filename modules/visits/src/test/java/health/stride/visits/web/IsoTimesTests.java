package health.stride.visits.web;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The open times' hand-written ISO form is the one {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
 * writes, every 15 minutes over two years, across both clock changes, in zones east and west of
 * Greenwich, with half hours, and at Greenwich itself ({@code Z}).
 */
class IsoTimesTests {

	@ParameterizedTest
	@ValueSource(strings = { "America/Los_Angeles", "America/New_York", "America/Phoenix", "UTC", "Europe/Madrid",
			"Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham" })
	void writesWhatTheIsoFormatterWrites(String zoneId) {

		var zone = ZoneId.of(zoneId);
		var format = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
		for (var instant = Instant.parse("2026-01-01T00:00:00Z"); instant.isBefore(Instant.parse("2028-01-01T00:00:00Z"));
				instant = instant.plus(Duration.ofMinutes(15))) {
			var expected = format.format(instant);
			var written = AvailabilityApiController.iso(instant, zone.getRules());
			if (!written.equals(expected)) {
				fail("%s in %s: %s, expected %s".formatted(instant, zoneId, written, expected));
			}
		}
		assertThat(AvailabilityApiController.iso(Instant.parse("2027-03-15T16:30:00Z"), ZoneId.of("America/Los_Angeles").getRules()))
				.isEqualTo("2027-03-15T09:30:00-07:00");
	}
}
