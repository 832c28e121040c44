package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import health.stride.visits.Availability;
import health.stride.visits.Availability.DateException;
import health.stride.visits.Availability.WeeklyHours;
import health.stride.visits.Slot;

/**
 * The slot maths on its own, on the days the clocks change in 2027 (March 14 forward, November 7
 * back, in both Los Angeles and New York): slots follow the clinician's wall clock, a time that does
 * not exist is never offered, a time that happens twice is offered once, and every slot lasts exactly
 * its length in real time.
 */
class SlotPlannerTests {

	static final LocalDate SPRING_FORWARD = LocalDate.of(2027, 3, 14);
	static final LocalDate FALL_BACK = LocalDate.of(2027, 11, 7);
	static final Duration HALF_HOUR = Duration.ofMinutes(30);

	static Availability everyDay(ZoneId zone, LocalTime starts, LocalTime ends) {
		return new Availability(zone, Arrays.stream(DayOfWeek.values()).map(day -> new WeeklyHours(day, starts, ends)).toList(),
				List.of(), Duration.ZERO, 40);
	}

	static List<LocalDateTime> localStarts(List<Slot> slots, ZoneId zone) {
		return slots.stream().map(it -> LocalDateTime.ofInstant(it.startsAt(), zone)).toList();
	}

	@ParameterizedTest
	@ValueSource(strings = { "America/Los_Angeles", "America/New_York" })
	void skipsTheHourThatDoesNotExistWhenClocksGoForward(String zoneId) {

		var zone = ZoneId.of(zoneId);
		var slots = SlotPlanner.inHours(everyDay(zone, LocalTime.of(0, 0), LocalTime.of(4, 0)), HALF_HOUR, SPRING_FORWARD,
				SPRING_FORWARD);

		assertThat(localStarts(slots, zone)).noneMatch(it -> it.getHour() == 2)
				.allMatch(it -> zone.getRules().isValidOffset(it, zone.getRules().getOffset(it)));
		assertThat(slots).allMatch(it -> Duration.between(it.startsAt(), it.endsAt()).equals(HALF_HOUR));
		// 00:00 to 04:00 on that wall clock is three real hours: starts every 15 minutes that fit, by real time
		assertThat(slots.getFirst().startsAt()).isEqualTo(SPRING_FORWARD.atStartOfDay(zone).toInstant());
		assertThat(slots.getLast().endsAt()).isEqualTo(SPRING_FORWARD.atTime(4, 0).atZone(zone).toInstant());
		assertThat(localStarts(slots, zone).stream().map(LocalDateTime::toLocalTime)).containsExactly(
				LocalTime.of(0, 0), LocalTime.of(0, 15), LocalTime.of(0, 30), LocalTime.of(0, 45), LocalTime.of(1, 0),
				LocalTime.of(1, 15), LocalTime.of(1, 30), LocalTime.of(1, 45), LocalTime.of(3, 0), LocalTime.of(3, 15),
				LocalTime.of(3, 30));
		assertThat(slots).extracting(Slot::startsAt).isSorted().doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@ValueSource(strings = { "America/Los_Angeles", "America/New_York" })
	void offersTheRepeatedHourOnceWhenClocksGoBack(String zoneId) {

		var zone = ZoneId.of(zoneId);
		var slots = SlotPlanner.inHours(everyDay(zone, LocalTime.of(0, 0), LocalTime.of(4, 0)), HALF_HOUR, FALL_BACK,
				FALL_BACK);

		var starts = localStarts(slots, zone);
		assertThat(starts).doesNotHaveDuplicates();
		assertThat(starts.stream().filter(it -> it.getHour() == 1)).hasSize(4);
		var firstOneOClock = FALL_BACK.atTime(1, 0).atZone(zone).withEarlierOffsetAtOverlap().toInstant();
		assertThat(slots).extracting(Slot::startsAt).contains(firstOneOClock)
				.doesNotContain(FALL_BACK.atTime(1, 0).atZone(zone).withLaterOffsetAtOverlap().toInstant());
		assertThat(slots).allMatch(it -> Duration.between(it.startsAt(), it.endsAt()).equals(HALF_HOUR));
		assertThat(slots.getLast().endsAt()).isEqualTo(FALL_BACK.atTime(4, 0).atZone(zone).toInstant());
		assertThat(slots).extracting(Slot::startsAt).isSorted();
	}

	@ParameterizedTest
	@ValueSource(strings = { "America/Los_Angeles", "America/New_York" })
	void keepsAnOrdinaryDayOnTheWallClockOnBothChangeDays(String zoneId) {

		var zone = ZoneId.of(zoneId);
		var hours = everyDay(zone, LocalTime.of(9, 0), LocalTime.of(17, 0));
		for (var day : List.of(SPRING_FORWARD, FALL_BACK)) {
			var slots = SlotPlanner.inHours(hours, HALF_HOUR, day, day);
			// 09:00 to 16:30 every 15 minutes, on the local clock, whatever the offset that day
			assertThat(slots).hasSize(31);
			assertThat(localStarts(slots, zone).getFirst()).isEqualTo(day.atTime(9, 0));
			assertThat(localStarts(slots, zone).getLast()).isEqualTo(day.atTime(16, 30));
			assertThat(slots).allMatch(it -> Duration.between(it.startsAt(), it.endsAt()).equals(HALF_HOUR));
		}
		// the same 09:00 is an hour earlier in UTC once the clocks went forward
		var before = SlotPlanner.inHours(hours, HALF_HOUR, SPRING_FORWARD.minusDays(1), SPRING_FORWARD.minusDays(1));
		var after = SlotPlanner.inHours(hours, HALF_HOUR, SPRING_FORWARD, SPRING_FORWARD);
		assertThat(Duration.between(before.getFirst().startsAt(), after.getFirst().startsAt())).isEqualTo(Duration.ofHours(23));
		var beforeBack = SlotPlanner.inHours(hours, HALF_HOUR, FALL_BACK.minusDays(1), FALL_BACK.minusDays(1));
		var afterBack = SlotPlanner.inHours(hours, HALF_HOUR, FALL_BACK, FALL_BACK);
		assertThat(Duration.between(beforeBack.getFirst().startsAt(), afterBack.getFirst().startsAt()))
				.isEqualTo(Duration.ofHours(25));
	}

	@Test
	void aVisitAcrossTheChangeLastsItsMinutesAndEndsInsideTheHours() {

		var zone = ZoneId.of("America/Los_Angeles");
		var slots = SlotPlanner.inHours(everyDay(zone, LocalTime.of(1, 0), LocalTime.of(3, 30)), Duration.ofMinutes(45),
				SPRING_FORWARD, SPRING_FORWARD);

		// 01:00 to 03:30 on the wall clock is 90 real minutes: the last 45-minute visit starts at 01:45 PST
		// and ends at 03:30 PDT; 03:00 PDT would end after the hours
		var spanEnd = SPRING_FORWARD.atTime(3, 30).atZone(zone).toInstant();
		assertThat(slots).isNotEmpty().allMatch(it -> !it.endsAt().isAfter(spanEnd))
				.allMatch(it -> Duration.between(it.startsAt(), it.endsAt()).equals(Duration.ofMinutes(45)));
		assertThat(localStarts(slots, zone).stream().map(LocalDateTime::toLocalTime)).containsExactly(
				LocalTime.of(1, 0), LocalTime.of(1, 15), LocalTime.of(1, 30), LocalTime.of(1, 45));
	}

	@Test
	void aDayOffTakesTheWeeksHoursAwayAndExtraHoursAddTheirOwn() {

		var zone = ZoneId.of("America/New_York");
		var monday = LocalDate.of(2027, 3, 15);
		var tuesday = monday.plusDays(1);
		var availability = new Availability(zone,
				List.of(new WeeklyHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
						new WeeklyHours(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))),
				List.of(DateException.dayOff(monday), new DateException(tuesday, LocalTime.of(18, 0), LocalTime.of(19, 0))),
				Duration.ZERO, 40);

		var slots = SlotPlanner.inHours(availability, HALF_HOUR, monday, tuesday);

		assertThat(localStarts(slots, zone)).containsExactly(tuesday.atTime(9, 0), tuesday.atTime(9, 15),
				tuesday.atTime(9, 30), tuesday.atTime(18, 0), tuesday.atTime(18, 15), tuesday.atTime(18, 30));
	}

	@Test
	void keepsTheBufferAfterBookedVisitsAndStopsWhenTheDayIsFull() {

		var zone = ZoneId.of("America/Los_Angeles");
		var day = LocalDate.of(2027, 3, 16);
		var hours = new Availability(zone, List.of(new WeeklyHours(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))),
				List.of(), Duration.ofMinutes(15), 2);
		var inHours = SlotPlanner.inHours(hours, HALF_HOUR, day, day);
		Instant nine = day.atTime(9, 0).atZone(zone).toInstant();
		var held = List.of(new SlotPlanner.Held(nine, nine.plus(Duration.ofMinutes(45))));

		var open = SlotPlanner.open(hours, inHours, held, nine, nine.plus(Duration.ofHours(3)), nine);

		// the 09:00 visit holds until 09:45; a new visit needs its own 15 minutes after it before the next
		assertThat(localStarts(open, zone).getFirst()).isEqualTo(day.atTime(9, 45));
		assertThat(SlotPlanner.clashes(new Slot(nine.minus(Duration.ofMinutes(30)), nine), Duration.ofMinutes(15), held)).isTrue();
		assertThat(SlotPlanner.clashes(new Slot(nine.minus(Duration.ofMinutes(45)), nine.minus(Duration.ofMinutes(15))),
				Duration.ofMinutes(15), held)).isFalse();

		var twoHeld = List.of(held.getFirst(), new SlotPlanner.Held(nine.plus(Duration.ofHours(2)), nine.plus(Duration.ofMinutes(150))));
		assertThat(SlotPlanner.open(hours, inHours, twoHeld, nine, nine.plus(Duration.ofHours(3)), nine)).isEmpty();
		assertThat(SlotPlanner.dayFull(hours, nine.plus(Duration.ofHours(1)), twoHeld)).isTrue();
	}

	@Test
	void offersNothingBeforeTheEarliestStart() {

		var zone = ZoneId.of("America/Los_Angeles");
		var day = LocalDate.of(2027, 3, 16);
		var hours = everyDay(zone, LocalTime.of(9, 0), LocalTime.of(12, 0));
		var inHours = SlotPlanner.inHours(hours, HALF_HOUR, day, day);
		var nine = day.atTime(9, 0).atZone(zone).toInstant();

		var open = SlotPlanner.open(hours, inHours, List.of(), nine, nine.plus(Duration.ofHours(3)), nine.plus(Duration.ofMinutes(70)));

		assertThat(localStarts(open, zone).getFirst()).isEqualTo(day.atTime(10, 15));
	}
}
