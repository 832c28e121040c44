package health.stride.visits.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.Visit;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * What the visits pages show, in the reader's language and time zone: visits as lines, and the
 * open times of a kind of visit with a clinician, two weeks at a time, grouped by the reader's days.
 */
@Component
class VisitViews {

	/** How many days the booking page offers at once. */
	static final int DAYS_SHOWN = 14;

	private final Schedules schedules;
	private final VisitTypes types;
	private final Hosts hosts;
	private final MessageSource messages;

	VisitViews(Schedules schedules, VisitTypes types, Hosts hosts, MessageSource messages) {
		this.schedules = schedules;
		this.types = types;
		this.hosts = hosts;
		this.messages = messages;
	}

	/** A zone of record, or UTC when it cannot be read (never expected: zones are checked when stored). */
	static ZoneId zone(@Nullable String id) {
		try {
			return id == null ? ZoneId.of("UTC") : ZoneId.of(id);
		} catch (DateTimeException unknown) {
			return ZoneId.of("UTC");
		}
	}

	/** A visit as a line of a list. */
	record Line(String id, String when, String kind, String clinician, String status, boolean upcoming,
			boolean roomOpen) {}

	List<Line> lines(List<Visit> visits, ZoneId zone, Instant now) {
		var locale = LocaleContextHolder.getLocale();
		var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
				.withZone(zone);
		return visits.stream().map(visit -> new Line(visit.id().toString(), when.format(visit.startsAt()),
				kindName(visit.type()), hosts.find(visit.clinicianId()).map(Host::displayName).orElse(""),
				visit.status().name(), visit.isBooked() && visit.startsAt().isAfter(now), Visits.roomOpen(visit, now)))
				.toList();
	}

	String kindName(String key) {
		return types.find(key).map(it -> it.name(messages, LocaleContextHolder.getLocale())).orElse(key);
	}

	/** A link to a day, or to the days before or after. */
	record Day(String label, String href, boolean current, int open) {}

	/** A time to choose: its value is the instant, its label the time in the reader's zone. */
	record Time(String value, String label) {}

	/**
	 * The open times of one chosen day and the days around it that have any.
	 *
	 * @param days the days with an open time in the two weeks shown
	 * @param earlier the two weeks before, when they are not past
	 * @param later the two weeks after, when they are not past the booking horizon
	 */
	record Times(List<Day> days, @Nullable String dayLabel, List<Time> times, @Nullable String earlier,
			@Nullable String later) {}

	/**
	 * The open times of a kind with a clinician from {@code from} for {@link #DAYS_SHOWN} days of the
	 * reader's zone, no earlier than {@code earliest} and never past the booking horizon.
	 */
	Times times(UUID clinicianId, VisitType type, ZoneId zone, Instant now, Instant earliest, @Nullable LocalDate from,
			@Nullable LocalDate day, UriComponentsBuilder base) {

		var locale = LocaleContextHolder.getLocale();
		var today = LocalDate.ofInstant(now, zone);
		var horizon = now.plus(Visits.HORIZON);
		var lastDay = LocalDate.ofInstant(horizon, zone);
		var first = from == null || from.isBefore(today) ? today : from.isAfter(lastDay) ? lastDay : from;
		var start = first.atStartOfDay(zone).toInstant();
		var end = first.plusDays(DAYS_SHOWN).atStartOfDay(zone).toInstant();
		var slots = schedules.openSlots(clinicianId, type, start.isBefore(earliest) ? earliest : start,
				end.isAfter(horizon) ? horizon : end, earliest);

		var byDay = new LinkedHashMap<LocalDate, List<Slot>>();
		for (var slot : slots) {
			byDay.computeIfAbsent(LocalDate.ofInstant(slot.startsAt(), zone), it -> new ArrayList<>()).add(slot);
		}
		var chosen = day != null && byDay.containsKey(day) ? day : byDay.keySet().stream().findFirst().orElse(null);

		var dayName = DateTimeFormatter.ofPattern("EEE d MMM", locale);
		var days = new ArrayList<Day>();
		for (Map.Entry<LocalDate, List<Slot>> entry : byDay.entrySet()) {
			days.add(new Day(dayName.format(entry.getKey()), link(base, first, entry.getKey()),
					entry.getKey().equals(chosen), entry.getValue().size()));
		}
		var time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);
		var times = chosen == null ? List.<Time> of()
				: byDay.get(chosen).stream().map(it -> new Time(it.startsAt().toString(), time.format(it.startsAt())))
						.toList();
		var earlier = first.isAfter(today) ? link(base, first.minusDays(DAYS_SHOWN), null) : null;
		var later = first.plusDays(DAYS_SHOWN).isAfter(lastDay) ? null : link(base, first.plusDays(DAYS_SHOWN), null);
		return new Times(days, chosen == null ? null
				: DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(chosen), times, earlier,
				later);
	}

	private static String link(UriComponentsBuilder base, LocalDate from, @Nullable LocalDate day) {
		var link = base.cloneBuilder().replaceQueryParam("from", from.toString());
		link = day == null ? link.replaceQueryParam("day") : link.replaceQueryParam("day", day.toString());
		return link.build().toUriString();
	}

	/** A date from a query parameter, or none when it is missing or not a date. */
	static @Nullable LocalDate date(@Nullable String text) {
		try {
			return text == null || text.isBlank() ? null : LocalDate.parse(text);
		} catch (DateTimeException malformed) {
			return null;
		}
	}

	/** A chosen time from a form, or none when it is missing or not an instant. */
	static @Nullable Instant instant(@Nullable String text) {
		try {
			return text == null || text.isBlank() ? null : Instant.parse(text);
		} catch (DateTimeException malformed) {
			return null;
		}
	}

	/** The first thing an {@link InvalidInput} says, in the reader's language. */
	String firstProblem(InvalidInput invalid) {
		return invalid.problems().values().stream().findFirst().map(this::text).orElse(text("visits.book.choose-time"));
	}

	String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	String text(MessageSourceResolvable resolvable) {
		return messages.getMessage(resolvable, LocaleContextHolder.getLocale());
	}

	/** Whether a change now would come within the clinic's notice period before the visit. */
	boolean withinNotice(Visit visit, Instant now) {
		return now.isAfter(visit.startsAt().minus(types.noticePeriod()));
	}

	/** The clinic's notice period in hours, as the pages name it. */
	long noticeHours() {
		return types.noticePeriod().toHours();
	}

	static Duration lead(boolean patient) {
		return patient ? Visits.PATIENT_LEAD : Duration.ZERO;
	}
}
