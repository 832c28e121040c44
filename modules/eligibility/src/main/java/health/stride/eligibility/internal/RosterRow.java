package health.stride.eligibility.internal;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** One valid member line of a roster file. */
public record RosterRow(long line, String memberId, String firstName, String lastName, LocalDate dateOfBirth,
		@Nullable String email, LocalDate coverageStart, @Nullable LocalDate coverageEnd) {}
