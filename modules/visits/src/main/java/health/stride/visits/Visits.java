package health.stride.visits;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.platform.security.StrideUser;

/**
 * Booking, moving and cancelling visits. A patient books with their own care team only, for a kind
 * of visit patients may book, at least {@link #PATIENT_LEAD} ahead; clinicians and administrators
 * book for a patient; nobody books more than {@link #HORIZON} ahead. Two booked visits never share a
 * clinician's time (with their buffer) or a patient's: the database refuses it however many try at
 * once, and the loser is told the slot is taken.
 */
public interface Visits {

	java.time.Duration PATIENT_LEAD = java.time.Duration.ofHours(2);
	java.time.Duration HORIZON = java.time.Duration.ofDays(60);

	/** A booked visit's video room opens this long before its start... */
	java.time.Duration ROOM_OPENS_BEFORE = java.time.Duration.ofMinutes(10);

	/** ...and stays open this long past its booked end, for a visit that runs over. */
	java.time.Duration ROOM_STAYS_OPEN_AFTER = java.time.Duration.ofMinutes(60);

	/** Whether the visit's video room is open now for its patient and clinician. */
	static boolean roomOpen(Visit visit, java.time.Instant now) {
		return visit.isBooked() && !now.isBefore(visit.startsAt().minus(ROOM_OPENS_BEFORE))
				&& now.isBefore(visit.endsAt().plus(ROOM_STAYS_OPEN_AFTER));
	}

	/** The visit, or the clinician, is another clinic's or not the reader's to see: for them it does not exist. */
	final class NotFound extends RuntimeException {

		public NotFound() {
			super("No such visit.");
		}
	}

	/** Someone else took the time first, or the patient or the clinician is busy then. */
	final class SlotTaken extends RuntimeException {

		public SlotTaken() {
			super("That time is no longer free.");
		}
	}

	/** The visit was cancelled, missed or held already: it can no longer be moved. */
	final class NotBooked extends RuntimeException {

		public NotBooked() {
			super("The visit is no longer booked.");
		}
	}

	/**
	 * Books a visit.
	 *
	 * @throws NotFound for a clinician or patient the booker may not book with or for
	 * @throws SlotTaken when the time is gone (or the clinician's day is full)
	 * @throws health.stride.platform.validation.InvalidInput for an unknown kind, a time in the past, too
	 *         soon, too far ahead or outside the clinician's hours
	 * @throws health.stride.patients.PortalAccess.ReadOnly when the patient's portal is read-only
	 */
	VisitId book(StrideUser by, PatientId patient, UUID clinicianId, String type, Instant startsAt);

	/**
	 * Moves a booked visit to another start, with the same clinician and kind, under the same rules as
	 * booking; a patient moving it within the clinic's notice period marks it late.
	 *
	 * @throws NotBooked unless the visit is booked
	 */
	void reschedule(StrideUser by, VisitId visit, Instant startsAt);

	/**
	 * Cancels a booked visit; a patient cancelling within the clinic's notice period marks it late.
	 * Cancelling one already cancelled changes nothing.
	 *
	 * @throws NotBooked for a visit missed or held already
	 */
	void cancel(StrideUser by, VisitId visit, @Nullable String reason);

	/**
	 * The visit, if the reader takes part in it (the patient, the clinician, the patient's care team)
	 * or administers the clinic.
	 */
	Optional<Visit> find(StrideUser reader, VisitId visit);

	/** The visit, for the module's own jobs and listeners downstream (no reader check). */
	Optional<Visit> find(VisitId visit);

	/** The patient's visits, newest start first. */
	List<Visit> ofPatient(PatientId patient);

	/** The clinician's visits starting in [from, to), in time order, cancelled ones included. */
	List<Visit> ofClinician(UUID clinicianId, Instant from, Instant to);

	/**
	 * Which visits to list, one page of them: those of the given patients (of every patient of the clinic
	 * when {@code patients} is null), starting from {@code from} (inclusive) until {@code until} (exclusive)
	 * where given, in one of the {@code statuses} (any when empty), latest or earliest start first.
	 */
	record VisitQuery(@Nullable List<PatientId> patients, @Nullable Instant from, @Nullable Instant until,
			java.util.Set<VisitStatus> statuses, boolean latestFirst, int offset, int limit) {

		public static final int MAX_LIMIT = 1_000;

		public VisitQuery {
			patients = patients == null ? null : List.copyOf(patients);
			statuses = java.util.Set.copyOf(statuses);
			if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
				throw new IllegalArgumentException("A page starts at 0 or later and holds 1 to " + MAX_LIMIT + " visits");
			}
		}
	}

	/**
	 * One page of visits, paged in the database, for a reader who decides who may see them (and audits it)
	 * themselves, as the FHIR module does. Visits starting at the same instant come in the order of their ids.
	 */
	List<Visit> search(VisitQuery query);
}
