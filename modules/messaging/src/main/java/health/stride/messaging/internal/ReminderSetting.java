package health.stride.messaging.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A patient's choice of exercise reminders: whether they want them, at what time of their day, on
 * which weekdays (their plan days), the quiet hours in which none comes, and how (email, the
 * browser's notifications). Times are wall-clock times in the patient's zone.
 */
public record ReminderSetting(boolean enabled, LocalTime at, Set<DayOfWeek> days, LocalTime quietFrom,
		LocalTime quietUntil, boolean email, boolean push) {

	public static final LocalTime DEFAULT_AT = LocalTime.of(18, 0);
	public static final LocalTime DEFAULT_QUIET_FROM = LocalTime.of(21, 0);
	public static final LocalTime DEFAULT_QUIET_UNTIL = LocalTime.of(8, 0);

	public ReminderSetting {
		days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
		if (quietFrom.equals(quietUntil)) {
			throw new IllegalArgumentException("Quiet hours start and end at different times.");
		}
	}

	/** What a patient who has not chosen yet starts from: off, six in the evening, the plan's days spread over the week. */
	public static ReminderSetting defaults(int daysPerWeek) {
		return new ReminderSetting(false, DEFAULT_AT, spread(daysPerWeek), DEFAULT_QUIET_FROM, DEFAULT_QUIET_UNTIL,
				true, false);
	}

	/** N plan days spread with rest days between them where N allows; three without a plan. */
	static Set<DayOfWeek> spread(int daysPerWeek) {
		return switch (daysPerWeek) {
			case 1 -> EnumSet.of(DayOfWeek.MONDAY);
			case 2 -> EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
			case 4 -> EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
			case 5 -> EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
			case 6 -> EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
			case 7 -> EnumSet.allOf(DayOfWeek.class);
			default -> EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
		};
	}

	/** Whether the wall-clock time falls in the quiet hours; they may run past midnight. */
	public boolean isQuiet(LocalTime time) {
		return isQuiet(time, quietFrom, quietUntil);
	}

	static boolean isQuiet(LocalTime time, LocalTime from, LocalTime until) {
		return from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until)
				: !time.isBefore(from) || time.isBefore(until);
	}

	/**
	 * When the day's reminder is due, if the day is a plan day: the chosen time on that day in the
	 * zone. A time the clocks skip (spring forward) moves on by the length of the gap, as
	 * {@link ZonedDateTime#of} does; a time that happens twice (fall back) is its first occurrence.
	 */
	public Optional<Instant> dueOn(LocalDate day, ZoneId zone) {
		return days.contains(day.getDayOfWeek()) ? Optional.of(ZonedDateTime.of(day, at, zone).toInstant())
				: Optional.empty();
	}

	/** Whether a reminder is due at that moment: a plan day, at or after the chosen time, outside the quiet hours. */
	public boolean dueAt(Instant now, ZoneId zone) {
		var local = now.atZone(zone);
		return enabled && dueOn(local.toLocalDate(), zone).filter(due -> !now.isBefore(due)).isPresent()
				&& !isQuiet(local.toLocalTime());
	}

	/** The days as bits, Monday the lowest, as the database keeps them. */
	int weekdayBits() {
		return days.stream().mapToInt(it -> 1 << (it.getValue() - 1)).sum();
	}

	static Set<DayOfWeek> ofBits(int bits) {
		var days = EnumSet.noneOf(DayOfWeek.class);
		for (var day : DayOfWeek.values()) {
			if ((bits & (1 << (day.getValue() - 1))) != 0) {
				days.add(day);
			}
		}
		return days;
	}
}
