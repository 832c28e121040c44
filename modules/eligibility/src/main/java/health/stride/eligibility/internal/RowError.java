package health.stride.eligibility.internal;

import org.jspecify.annotations.Nullable;

/**
 * Why a roster line was rejected. The member id, when the line has one, keeps that member's
 * current coverage untouched by the import.
 */
public record RowError(long line, String message, @Nullable String memberId) {}
