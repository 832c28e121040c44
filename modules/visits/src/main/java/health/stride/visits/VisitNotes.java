package health.stride.visits;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.platform.security.StrideUser;

/**
 * The clinician's note of a visit. Only the visit's own clinician writes it, from
 * {@link #OPENS_BEFORE} before the visit starts, on a visit not cancelled; signing locks it and
 * completes the visit ({@link VisitCompleted}, once); what comes later is a signed addendum. The
 * visit's clinician, the patient's care team and the clinic's administrators read it; every read is
 * audited. For anyone else the visit does not exist ({@link Visits.NotFound}).
 */
public interface VisitNotes {

	Duration OPENS_BEFORE = Duration.ofMinutes(10);

	/** As much as any one text field of a page may carry (the web layer's guard refuses more before any controller). */
	int MAX_SECTION = 10_000;

	int MAX_ADDENDUM = 10_000;

	int MAX_MINUTES = 600;

	/** The note changed since the form was loaded (by another tab, or it was signed): nothing was stored. */
	final class StaleVersion extends RuntimeException {

		public StaleVersion() {
			super("The note changed since it was loaded.", null, false, false);
		}
	}

	/**
	 * The note of the visit for its clinician to write: the stored one, or a new one (version 0) with
	 * the visit's minutes filled in. Audited as a read.
	 *
	 * @throws Visits.NotFound unless the visit is the reader's own
	 * @throws health.stride.platform.validation.InvalidInput when the visit is cancelled or starts more
	 *         than {@link #OPENS_BEFORE} from now
	 */
	VisitNote write(StrideUser clinician, VisitId visit);

	/** The note of the visit, stored and readable by this reader (audited), else nothing. */
	Optional<VisitNote> find(StrideUser reader, VisitId visit);

	/**
	 * Saves the draft if it is still at {@code version}.
	 *
	 * @return the note as stored
	 * @throws StaleVersion when the note has another version (changed elsewhere, or signed)
	 * @throws health.stride.platform.validation.InvalidInput for a section or minutes out of bounds, a
	 *         control character, a cancelled visit or one not yet open
	 */
	VisitNote saveDraft(StrideUser clinician, VisitId visit, VisitNote.Sections sections, @Nullable Integer minutes,
			long version);

	/**
	 * Saves the note as given and signs it, in one step; the visit becomes completed. Signing a note
	 * signed already changes nothing and publishes nothing.
	 *
	 * @throws health.stride.platform.validation.InvalidInput when a section or the minutes are missing
	 */
	VisitNote sign(StrideUser clinician, VisitId visit, VisitNote.Sections sections, @Nullable Integer minutes,
			long version);

	/**
	 * Adds a signed addendum to a signed note.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for an empty or oversize text, or a note not signed yet
	 */
	VisitNote addAddendum(StrideUser clinician, VisitId visit, String body);

	/** The patient's signed notes, newest visit first, if the reader may read them (audited); else none. */
	List<VisitNote> signedOf(StrideUser reader, PatientId patient);

	/** Visits completed with a signed note, and their minutes, by clinician and by month of the clinic. */
	record MonthlyMinutes(UUID clinicianId, String clinicianName, YearMonth month, int visits, long minutes) {}

	/**
	 * For the clinic's administrators: the signed notes of visits that started in the months
	 * {@code from} to {@code to} (in the clinic's zone), by clinician and month.
	 */
	List<MonthlyMinutes> minutesByMonth(StrideUser admin, java.time.ZoneId zone, YearMonth from, YearMonth to);
}
