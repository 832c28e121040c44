package health.stride.visits.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import health.stride.visits.Availability;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;

/**
 * Makes a clinician's open slots from their availability and the time their booked visits hold,
 * with no database: day by day in the clinician's zone, starts every {@link Schedules#STEP} from
 * the start of each span of hours. A local time that does not exist (the hour skipped when clocks
 * go forward) is left out; a local time that happens twice (when clocks go back) is offered once,
 * at its first occurrence. Slot lengths are real durations, so a visit across a change still lasts
 * its minutes.
 */
final class SlotPlanner {

	/** The time a booked visit keeps its clinician from another: from its start to its end plus the buffer. */
	record Held(Instant starts, Instant until) {}

	private SlotPlanner() {}

	/**
	 * Every slot of the given length inside the clinician's hours on the dates from {@code first} to
	 * {@code last}, whether free or not, by start.
	 */
	static List<Slot> inHours(Availability availability, Duration length, LocalDate first, LocalDate last) {

		var zone = availability.zone();
		var slots = new TreeMap<Instant, Slot>();
		for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
			for (var span : spans(availability, day)) {
				var spanEnd = ZonedDateTime.ofLocal(LocalDateTime.of(day, span[1]), zone, null).toInstant();
				var minutes = Duration.between(span[0], span[1]);
				for (var offset = Duration.ZERO; offset.compareTo(minutes) < 0; offset = offset.plus(Schedules.STEP)) {
					var local = LocalDateTime.of(day, span[0]).plus(offset);
					var offsets = zone.getRules().getValidOffsets(local);
					if (offsets.isEmpty()) {
						continue; // clocks jumped over this time
					}
					var start = local.atOffset(offsets.get(0)).toInstant(); // the earlier of a repeated time
					var end = start.plus(length);
					if (end.isAfter(spanEnd)) {
						break;
					}
					slots.putIfAbsent(start, new Slot(start, end));
				}
			}
		}
		return new ArrayList<>(slots.values());
	}

	/**
	 * The slots in hours that are still open: clear of every held time with this clinician's buffer
	 * after the new visit too, on a day that is not full.
	 */
	static List<Slot> open(Availability availability, List<Slot> inHours, List<Held> held, Instant from, Instant to,
			Instant earliest) {

		var perDay = perDay(availability, held);
		var open = new ArrayList<Slot>();
		for (var slot : inHours) {
			if (slot.startsAt().isBefore(from) || !slot.startsAt().isBefore(to) || slot.startsAt().isBefore(earliest)) {
				continue;
			}
			if (perDay.getOrDefault(day(availability, slot.startsAt()), 0) >= availability.maxPerDay()) {
				continue;
			}
			if (clashes(slot, availability.buffer(), held)) {
				continue;
			}
			open.add(slot);
		}
		return open;
	}

	static boolean clashes(Slot slot, Duration buffer, List<Held> held) {
		var until = slot.endsAt().plus(buffer);
		for (var other : held) {
			if (slot.startsAt().isBefore(other.until()) && other.starts().isBefore(until)) {
				return true;
			}
		}
		return false;
	}

	static boolean dayFull(Availability availability, Instant start, List<Held> held) {
		return perDay(availability, held).getOrDefault(day(availability, start), 0) >= availability.maxPerDay();
	}

	static LocalDate day(Availability availability, Instant instant) {
		return instant.atZone(availability.zone()).toLocalDate();
	}

	private static Map<LocalDate, Integer> perDay(Availability availability, List<Held> held) {
		var counts = new HashMap<LocalDate, Integer>();
		held.forEach(it -> counts.merge(day(availability, it.starts()), 1, Integer::sum));
		return counts;
	}

	/** The spans of hours on a date: the usual week's unless it is a day off, and the date's extra hours. */
	private static List<LocalTime[]> spans(Availability availability, LocalDate day) {
		var spans = new ArrayList<LocalTime[]>();
		var dayOff = availability.exceptions().stream().anyMatch(it -> it.date().equals(day) && it.isDayOff());
		if (!dayOff) {
			availability.week().stream().filter(it -> it.day() == day.getDayOfWeek())
					.forEach(it -> spans.add(new LocalTime[] { it.starts(), it.ends() }));
		}
		availability.exceptions().stream().filter(it -> it.date().equals(day) && !it.isDayOff())
				.forEach(it -> spans.add(new LocalTime[] { java.util.Objects.requireNonNull(it.starts()),
						java.util.Objects.requireNonNull(it.ends()) }));
		return spans;
	}
}
