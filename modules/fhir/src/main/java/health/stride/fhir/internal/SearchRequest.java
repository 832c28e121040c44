package health.stride.fhir.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of one FHIR search, checked: each named once at most, a page of {@code _count} (at most
 * {@value #MAX_COUNT}, {@value #DEFAULT_COUNT} when not given) starting at {@code _offset}.
 */
record SearchRequest(Map<String, String> parameters, int count, int offset, @Nullable String sort,
		Set<String> includes) {

	static final int DEFAULT_COUNT = 50;
	static final int MAX_COUNT = 200;
	/**
	 * How deep a page may start: further than this a client narrows its search by date. A page of a search
	 * that merges several sources reads up to offset plus count records of each, so the depth bounds its cost.
	 */
	static final int MAX_OFFSET = 2_000;

	/** The parameters of the search itself, not of its paging, sorting or format. */
	static final Set<String> CONTROL = Set.of("_count", "_offset", "_sort", "_include", "_format");

	private static final Pattern DATE = Pattern.compile("(eq|ge|gt|le|lt)?(\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}))?)");

	SearchRequest {
		parameters = Map.copyOf(parameters);
		includes = Set.copyOf(includes);
	}

	Optional<String> value(String name) {
		return Optional.ofNullable(parameters.get(name));
	}

	/**
	 * A reference parameter ({@code subject=Patient/123} or {@code subject=123}) as the id it names: an id of
	 * another type, or one no Stride record could have, matches nothing.
	 */
	Optional<Optional<UUID>> reference(String name, String type) {
		return value(name).map(reference -> {
			var id = reference.startsWith(type + "/") ? reference.substring(type.length() + 1) : reference;
			return Ids.uuid(id);
		});
	}

	/** A date parameter ({@code date=ge2026-01-01}) as the range of instants it allows. */
	Optional<DateRange> date(String name) {
		return value(name).map(SearchRequest::range);
	}

	/** The instants a FHIR date parameter allows: from (inclusive) until (exclusive), either open. */
	record DateRange(@Nullable Instant from, @Nullable Instant until) {

		boolean contains(Instant instant) {
			return (from == null || !instant.isBefore(from)) && (until == null || instant.isBefore(until));
		}
	}

	private static DateRange range(String parameter) {

		var matcher = DATE.matcher(parameter);
		if (!matcher.matches()) {
			throw FhirProblem.invalid("fhir.problem.date");
		}
		var prefix = matcher.group(1) == null ? "eq" : matcher.group(1);
		Instant start;
		Instant end;
		try {
			if (matcher.group(3) == null) {
				var day = LocalDate.parse(matcher.group(2));
				start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
				end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			} else {
				start = OffsetDateTime.parse(matcher.group(2)).toInstant();
				end = start.plusMillis(1);
			}
		} catch (DateTimeParseException e) {
			throw FhirProblem.invalid("fhir.problem.date");
		}
		return switch (prefix) {
			case "ge" -> new DateRange(start, null);
			case "gt" -> new DateRange(end, null);
			case "le" -> new DateRange(null, end);
			case "lt" -> new DateRange(null, start);
			default -> new DateRange(start, end);
		};
	}

	/** Whether the results come newest first ({@code _sort=-date}), the order Stride answers in anyway. */
	boolean newestFirst() {
		return sort == null || sort.startsWith("-");
	}
}
