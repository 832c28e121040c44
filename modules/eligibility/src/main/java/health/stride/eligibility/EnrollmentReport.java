package health.stride.eligibility;

import java.time.YearMonth;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a sponsor may know about its members: counts only, with every count from 1 to 10 and any
 * count that would let one be worked out from the others left out ({@code null}).
 */
public record EnrollmentReport(@Nullable Long eligible, @Nullable Long enrolled, @Nullable Long activeLast30Days,
		List<Month> byMonth) {

	public record Month(YearMonth month, @Nullable Long enrolled, @Nullable Long active) {}
}
