package health.stride.eligibility;


/**
 * Enrollment and engagement of a sponsor's members, as suppressed counts: what sponsor
 * administrators see. Never a name, a date of birth or anything about one person.
 */
public interface EnrollmentReports {

	/** How many months the series covers, this one included. */
	public static final int MONTHS = 12;

	EnrollmentReport of(SponsorId sponsor);
}
