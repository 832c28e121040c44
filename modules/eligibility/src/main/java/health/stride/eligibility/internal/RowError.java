package health.stride.eligibility.internal;

import org.jspecify.annotations.Nullable;

import health.stride.eligibility.RosterImportReport.Reason;

/**
 * Why a roster line was rejected. The member id, when the line has one, keeps that member's
 * current coverage untouched by the import.
 */
public record RowError(long line, Reason reason, @Nullable String memberId) {

	static RowError of(long line, @Nullable String memberId, String code, Object... arguments) {
		return new RowError(line, Reason.of(code, arguments), memberId);
	}
}
