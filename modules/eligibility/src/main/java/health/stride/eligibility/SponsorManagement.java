package health.stride.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import health.stride.platform.security.StrideUser;

/**
 * The sponsors of the current clinic, and which sponsor each sponsor administrator acts for.
 */
public interface SponsorManagement {

	SponsorSummary register(SponsorCode code, String name, SponsorKind kind, @Nullable String contactName,
			@Nullable String contactEmail);

	/** Changes how a sponsor is described, and whether its members may still check coverage and sign up. */
	SponsorSummary describe(SponsorCode code, String name, SponsorKind kind, @Nullable String contactName,
			@Nullable String contactEmail, boolean active);

	/** The members whose coverage includes the given day. */
	long coveredMembers(SponsorId sponsor, LocalDate day);

	Optional<SponsorSummary> find(SponsorCode code);
	Optional<SponsorSummary> find(SponsorId id);
	List<SponsorSummary> all();

	/** Lets a sponsor administrator (a Keycloak user of this clinic) act for one sponsor. */
	void appointAdministrator(String username, SponsorCode code);

	/** The sponsor a sponsor administrator acts for, if they have been appointed. */
	Optional<SponsorSummary> sponsorOf(String username);

	/**
	 * The sponsor with this code, if the user may manage it: any sponsor of their clinic for a
	 * clinic administrator, their own sponsor for a sponsor administrator. Anything else looks
	 * exactly like a sponsor that does not exist.
	 */
	Optional<SponsorSummary> managedBy(StrideUser user, SponsorCode code);

	/** A sponsor code that the clinic already uses. */
	public static class DuplicateSponsorCode extends RuntimeException {

		public DuplicateSponsorCode(SponsorCode code) {
			super("This clinic already has a sponsor with the code " + code + ".");
		}
	}
}
