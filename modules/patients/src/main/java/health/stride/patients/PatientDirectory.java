package health.stride.patients;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.i18n.Language;
import health.stride.platform.security.StrideUser;

/**
 * The patients of the current clinic. {@link #open} is how people read a record: it lets in the
 * patient themself, their care team and the clinic's administrators, and writes every attempt to
 * the audit trail. The other queries are for the system's own use and for pages that already
 * checked who is asking.
 */
public interface PatientDirectory {

	Optional<PatientSummary> find(PatientId id);

	/**
	 * Where to send the patient notices that something waits for them on Stride (never anything
	 * about their care itself).
	 */
	Optional<String> emailOf(PatientId id);

	/** The language the patient reads Stride in: their pages and the emails sent to them. */
	Language languageOf(PatientId id);

	/** The language of the signed-in patient's choice, if this user is a patient of the current clinic. */
	Optional<Language> languageOfUser(String username);

	/** The patient chose the language they read Stride in. */
	void changeLanguage(PatientId id, Language language);

	Optional<PatientSummary> findByUsername(String username);

	/** The id of the patient who signs in as {@code username}, if they are a patient of the current clinic. */
	Optional<PatientId> idOfUser(String username);

	/**
	 * The patient who signs in as {@code username}, if the clinician is on their care team and has
	 * not left the clinic: a patient's question about one of their own clinicians, in one read.
	 */
	Optional<PatientSummary> findByUsernameCaredForBy(String username, UUID clinicianId);

	/**
	 * The record, if this user may read it: the patient themself, a member of their care team or an
	 * administrator of the clinic. Anyone else learns nothing, not even that the patient exists.
	 * Every attempt is audited.
	 */
	Optional<PatientRecord> open(PatientId id, StrideUser reader);

	/**
	 * Who the patient is and how to reach them. Not audited: for a caller that decided who may read it and
	 * audited the read itself (the FHIR API's patient access).
	 */
	Optional<PatientDemographics> demographics(PatientId id);

	/**
	 * One page of the clinic's patients in the order of their ids (stable from page to page), read from the
	 * database page by page. Not audited, as {@link #demographics(PatientId)}.
	 */
	List<PatientDemographics> demographicsPage(int offset, int limit);

	/** One page of the given patients of the clinic (others are left out), as {@link #demographicsPage(int, int)}. */
	List<PatientDemographics> demographicsPage(Collection<PatientId> among, int offset, int limit);

	/** The record of the signed-in patient, read by themself (audited like any read). */
	Optional<PatientRecord> mine(StrideUser patient);

	/** Opens the record of a patient the clinic registers itself, e.g. one referred by a doctor. */
	PatientId register(NewPatient details);

	/**
	 * Moves a patient to another status, with the reason kept in the history.
	 *
	 * @return false if the patient already had that status
	 * @throws IllegalArgumentException if the current clinic has no such patient
	 * @throws IllegalStateException for a discharge, or for a discharged patient: an episode of care
	 *         ends and begins only through {@link Episodes}
	 */
	boolean changeStatus(PatientId id, PatientStatus status, String reason);

	/**
	 * One change of a patient's status: from what, to what, why, by whom and when. Why is either the
	 * reason a person typed, shown as written, or, for a change the system made, a message code to
	 * show in the reader's language.
	 */
	public record StatusChange(@Nullable PatientStatus from, PatientStatus to, @Nullable String reason,
			@Nullable String reasonCode, String changedBy, Instant changedAt) {}

	/**
	 * Changes how the patient's care is paid, e.g. to self-pay when their sponsor's coverage ended.
	 * Audited.
	 *
	 * @throws IllegalArgumentException if the current clinic has no such patient
	 */
	void changePayment(PatientId id, Payment payment);

	/**
	 * What the patient may do in their portal now. Every write a patient makes (sessions, walks,
	 * pain reports, messages) asks this first and refuses when it is {@link PortalAccess#READ_ONLY}.
	 */
	PortalAccess portalAccess(PatientId id);

	/**
	 * When the patient's sponsored cover ends and where that stands today; empty when no end is
	 * known. Not audited: staff pages that show it opened the record already.
	 */
	Optional<CoverageEnd> coverageEnd(PatientId id);

	/** For a patient's own writes: refuses with {@link PortalAccess.ReadOnly} unless the portal is open. */
	default void requireOpenPortal(PatientId id) {
		if (!portalAccess(id).isOpen()) {
			throw new PortalAccess.ReadOnly();
		}
	}

	/** The patient's status changes, oldest first. */
	List<StatusChange> statusHistory(PatientId id);

	/** How many of the current clinic's patients are active (a count, for the platform's overview). */
	long countActive();
}
