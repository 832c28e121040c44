package health.stride.eligibility;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a person tells us to find themselves on their sponsor's roster: the sponsor's code, their
 * name and date of birth, and either their member id or, when it is not at hand, their email.
 */
public record CoverageQuestion(SponsorCode sponsor, String firstName, String lastName, LocalDate dateOfBirth,
		@Nullable String memberId, @Nullable String email) {}
