package health.stride.eligibility;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a coverage check. It never says which detail did not match.
 *
 * @param checkId proof of an eligible check, for signing up: single use, until {@code expiresAt}
 */
public record CoverageAnswer(Outcome outcome, @Nullable String sponsorName, @Nullable CoverageCheckId checkId,
		@Nullable Instant expiresAt) {

	public enum Outcome {
		ELIGIBLE, NOT_ELIGIBLE
	}

	public boolean eligible() {
		return outcome == Outcome.ELIGIBLE;
	}

	public static CoverageAnswer notEligible() {
		return new CoverageAnswer(Outcome.NOT_ELIGIBLE, null, null, null);
	}
}
