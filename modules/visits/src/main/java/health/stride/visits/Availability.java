package health.stride.visits;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * When a clinician holds visits, in their own time zone: their usual week, the dates that differ
 * from it, the time kept free after each visit and the most visits they take in one day.
 */
public record Availability(ZoneId zone, List<WeeklyHours> week, List<DateException> exceptions, Duration buffer,
		int maxPerDay) {

	public Availability {
		week = List.copyOf(week);
		exceptions = List.copyOf(exceptions);
	}

	/** Hours on a weekday, every week. */
	public record WeeklyHours(DayOfWeek day, LocalTime starts, LocalTime ends) {}

	/** A date unlike the usual week: a day off (no times) or extra hours on that date. */
	public record DateException(LocalDate date, @Nullable LocalTime starts, @Nullable LocalTime ends) {

		public static DateException dayOff(LocalDate date) {
			return new DateException(date, null, null);
		}

		public boolean isDayOff() {
			return starts == null;
		}
	}
}
