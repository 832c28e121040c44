package health.stride.eligibility;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks whether a person is covered by one of the current clinic's sponsors today. Matching
 * ignores case, accents, spaces, hyphens and apostrophes in names and case in emails; the answer
 * is the same whichever detail did not match, so the check cannot be used to probe a roster.
 */
public interface CoverageChecks {

	/** How long a successful check may be used to sign up. */
	public static final Duration VALID_FOR = Duration.ofMinutes(30);

	CoverageAnswer check(CoverageQuestion question);

	/**
	 * Uses up a successful check, if it is still valid, and tells which sponsor and member it found.
	 * A check can be redeemed once. It is used up in a transaction of its own, committed before this
	 * returns, so nothing the caller does afterwards (or rolls back) can make it usable again.
	 */
	Optional<RedeemedCheck> redeem(CoverageCheckId id);

	/** Whether a check could still be redeemed (unused and not expired). */
	boolean isRedeemable(CoverageCheckId id);

	/** A used-up check, naming the roster member it found (by the sponsor's member id). */
	public record RedeemedCheck(CoverageCheckId check, SponsorId sponsor, String memberId) {}
}
