package health.stride.visits.web;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.FieldErrors;
import health.stride.visits.Availability;
import health.stride.visits.Availability.DateException;
import health.stride.visits.Availability.WeeklyHours;

/**
 * A clinician's availability as the page sends it: every field as typed, read by {@link #toAvailability}.
 * A row of hours left empty is no row; each weekday is offered one empty row more than it has.
 */
record AvailabilityForm(@Nullable String zone, @Nullable String buffer, @Nullable String maxPerDay,
		@Nullable List<@Nullable Span> week, @Nullable List<@Nullable DateRow> exceptions) {

	static final String DAY_OFF = "OFF";
	static final String HOURS = "HOURS";
	static final int EMPTY_DATES = 2;

	/** Hours on a weekday. */
	record Span(@Nullable String day, @Nullable String starts, @Nullable String ends) {

		boolean isEmpty() {
			return blank(starts) && blank(ends);
		}
	}

	/** A date that differs from the usual week: a day off, or extra hours. */
	record DateRow(@Nullable String date, @Nullable String kind, @Nullable String starts, @Nullable String ends) {

		boolean isEmpty() {
			return blank(date) && blank(starts) && blank(ends);
		}
	}

	static AvailabilityForm of(Availability availability) {
		var week = new ArrayList<@Nullable Span>();
		for (var day : DayOfWeek.values()) {
			availability.week().stream().filter(it -> it.day() == day).sorted(Comparator.comparing(WeeklyHours::starts))
					.forEach(it -> week.add(new Span(day.name(), it.starts().toString(), it.ends().toString())));
			week.add(new Span(day.name(), "", ""));
		}
		var dates = new ArrayList<@Nullable DateRow>();
		availability.exceptions().forEach(it -> dates.add(it.isDayOff() ? new DateRow(it.date().toString(), DAY_OFF, "", "")
				: new DateRow(it.date().toString(), HOURS, String.valueOf(it.starts()), String.valueOf(it.ends()))));
		for (int i = 0; i < EMPTY_DATES; i++) {
			dates.add(new DateRow("", DAY_OFF, "", ""));
		}
		return new AvailabilityForm(availability.zone().getId(), String.valueOf(availability.buffer().toMinutes()),
				String.valueOf(availability.maxPerDay()), week, dates);
	}

	/** The rows as sent, with none missing (a gap in the numbering is an empty row). */
	public List<Span> spans() {
		return week == null ? List.of() : week.stream().map(it -> it == null ? new Span(null, null, null) : it).toList();
	}

	public List<DateRow> dates() {
		return exceptions == null ? List.of()
				: exceptions.stream().map(it -> it == null ? new DateRow(null, null, null, null) : it).toList();
	}

	/** The availability the form describes, or null with each field's problem in {@code errors}. */
	@Nullable Availability toAvailability(FieldErrors errors) {

		ZoneId chosen = null;
		try {
			chosen = blank(zone) ? null : ZoneId.of(zone.strip());
		} catch (DateTimeException unknown) {
			// answered below
		}
		if (chosen == null) {
			errors.reject("zone", "visits.availability.unknown-zone");
		}
		var minutes = number(buffer, "buffer", "visits.availability.invalid-buffer", errors, 120);
		var most = number(maxPerDay, "maxPerDay", "visits.availability.invalid-max-per-day", errors, 40);

		var hours = new ArrayList<WeeklyHours>();
		var spans = spans();
		for (int i = 0; i < spans.size(); i++) {
			var span = spans.get(i);
			if (span.isEmpty()) {
				continue;
			}
			DayOfWeek day = null;
			try {
				day = span.day() == null ? null : DayOfWeek.valueOf(span.day().strip());
			} catch (IllegalArgumentException unknown) {
				// answered below
			}
			var starts = time(span.starts(), "week[" + i + "].starts", errors);
			var ends = time(span.ends(), "week[" + i + "].ends", errors);
			if (day == null) {
				errors.reject("week[" + i + "].day", "visits.availability.form.weekday");
			} else if (starts != null && ends != null) {
				hours.add(new WeeklyHours(day, starts, ends));
			}
		}

		var dates = new ArrayList<DateException>();
		var rows = dates();
		for (int i = 0; i < rows.size(); i++) {
			var row = rows.get(i);
			if (row.isEmpty()) {
				continue;
			}
			LocalDate date = null;
			try {
				date = blank(row.date()) ? null : LocalDate.parse(row.date().strip());
			} catch (DateTimeParseException malformed) {
				// answered below
			}
			if (date == null) {
				errors.reject("exceptions[" + i + "].date", "visits.availability.form.date");
			}
			if (HOURS.equals(row.kind())) {
				var starts = time(row.starts(), "exceptions[" + i + "].starts", errors);
				var ends = time(row.ends(), "exceptions[" + i + "].ends", errors);
				if (date != null && starts != null && ends != null) {
					dates.add(new DateException(date, starts, ends));
				}
			} else if (date != null) {
				dates.add(DateException.dayOff(date));
			}
		}
		if (!errors.isEmpty() || chosen == null || minutes == null || most == null) {
			return null;
		}
		return new Availability(chosen, hours, dates, Duration.ofMinutes(minutes), most);
	}

	private static @Nullable Integer number(@Nullable String text, String field, String code, FieldErrors errors,
			int bound) {
		if (text != null && text.strip().matches("\\d{1,4}")) {
			return Integer.valueOf(text.strip());
		}
		errors.reject(field, code, bound);
		return null;
	}

	private static @Nullable LocalTime time(@Nullable String text, String field, FieldErrors errors) {
		try {
			if (!blank(text) && text.strip().length() <= 8) {
				return LocalTime.parse(text.strip());
			}
		} catch (DateTimeParseException malformed) {
			// answered below
		}
		errors.reject(field, "visits.availability.form.time");
		return null;
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}
}
