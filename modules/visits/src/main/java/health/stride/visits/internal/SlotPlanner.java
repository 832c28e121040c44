package health.stride.visits.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
		var rules = zone.getRules();
		var slots = new ArrayList<Slot>();
		for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
			// on most days one offset holds from midnight to midnight: look it up once, not once a start
			var midnight = day.atStartOfDay(zone).toInstant();
			var change = rules.nextTransition(midnight);
			var steady = change == null || !change.getInstant().isBefore(day.plusDays(2).atStartOfDay(zone).toInstant())
					? rules.getOffset(midnight) : null;
			for (var span : spans(availability, day)) {
				var spanEnd = ZonedDateTime.ofLocal(LocalDateTime.of(day, span[1]), zone, null).toInstant();
				var minutes = Duration.between(span[0], span[1]);
				for (var offset = Duration.ZERO; offset.compareTo(minutes) < 0; offset = offset.plus(Schedules.STEP)) {
					var local = LocalDateTime.of(day, span[0]).plus(offset);
					ZoneOffset zoneOffset = steady;
					if (zoneOffset == null) {
						var offsets = rules.getValidOffsets(local);
						if (offsets.isEmpty()) {
							continue; // clocks jumped over this time
						}
						zoneOffset = offsets.get(0); // the earlier of a repeated time
					}
					var start = local.toInstant(zoneOffset);
					var end = start.plus(length);
					if (end.isAfter(spanEnd)) {
						break;
					}
					slots.add(new Slot(start, end));
				}
			}
		}
		// spans of one date may overlap (extra hours over the usual ones): each start once, in order
		slots.sort(Comparator.comparing(Slot::startsAt));
		var distinct = new ArrayList<Slot>(slots.size());
		for (var slot : slots) {
			if (distinct.isEmpty() || !distinct.getLast().startsAt().equals(slot.startsAt())) {
				distinct.add(slot);
			}
		}
		return distinct;
	}

	/**
	 * The slots in hours that are still open: clear of every held time with this clinician's buffer
	 * after the new visit too, on a day that is not full. Both lists come by start.
	 */
	static List<Slot> open(Availability availability, List<Slot> inHours, List<Held> held, Instant from, Instant to,
			Instant earliest) {

		var rules = availability.zone().getRules();
		var perDay = perDay(availability, held);
		var open = new ArrayList<Slot>();
		var passed = 0; // the held times that end before the slot at hand starts, and so before every later one
		for (var slot : inHours) {
			if (slot.startsAt().isBefore(from) || !slot.startsAt().isBefore(to) || slot.startsAt().isBefore(earliest)) {
				continue;
			}
			if (perDay.getOrDefault(day(rules, slot.startsAt()), 0) >= availability.maxPerDay()) {
				continue;
			}
			while (passed < held.size() && !held.get(passed).until().isAfter(slot.startsAt())) {
				passed++;
			}
			if (clashes(slot, availability.buffer(), held.subList(passed, held.size()))) {
				continue;
			}
			open.add(slot);
		}
		return open;
	}

	/** Whether the slot, with the buffer after it, meets a held time; the held times come by start. */
	static boolean clashes(Slot slot, Duration buffer, List<Held> held) {
		var until = slot.endsAt().plus(buffer);
		for (var other : held) {
			if (!other.starts().isBefore(until)) {
				return false; // this one and every later one start after the slot and its buffer
			}
			if (slot.startsAt().isBefore(other.until())) {
				return true;
			}
		}
		return false;
	}

	static boolean dayFull(Availability availability, Instant start, List<Held> held) {
		return perDay(availability, held).getOrDefault(day(availability, start), 0) >= availability.maxPerDay();
	}

	static LocalDate day(Availability availability, Instant instant) {
		return day(availability.zone().getRules(), instant);
	}

	private static LocalDate day(ZoneRules rules, Instant instant) {
		var seconds = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
		return LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
	}

	private static Map<LocalDate, Integer> perDay(Availability availability, List<Held> held) {
		var rules = availability.zone().getRules();
		var counts = new HashMap<LocalDate, Integer>();
		held.forEach(it -> counts.merge(day(rules, it.starts()), 1, Integer::sum));
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
