package health.stride.visits;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Clinicians' availability and the open slots it leaves. Slots are made in the clinician's time zone,
 * day by day, so they follow its daylight-saving changes; times that do not exist on a change day are
 * skipped, and a repeated hour is offered once.
 */
public interface Schedules {

	/** How far apart the starts of offered slots are. */
	java.time.Duration STEP = java.time.Duration.ofMinutes(15);

	/** @throws Visits.NotFound unless the clinician holds visits in the current clinic */
	Availability of(UUID clinicianId);

	/**
	 * Replaces the clinician's availability (zone, week, dates, buffer, daily limit). Booked visits stay.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for overlapping or inverted hours, an
	 *         unknown zone, a buffer or limit out of bounds
	 */
	void change(UUID clinicianId, Availability availability);

	/**
	 * The open slots for a kind of visit with the clinician that start from {@code from} (and not
	 * before {@code earliest}) up to {@code to}, in time order.
	 */
	List<Slot> openSlots(UUID clinicianId, VisitType type, Instant from, Instant to, Instant earliest);

	/**
	 * What a reader asking for a clinician's open times is given: the clinician (if the clinic has
	 * them as a host), the kind asked for (if the clinic holds it) and the slots.
	 */
	record Offer(@Nullable Host host, @Nullable VisitType type, List<Slot> slots) {

		public Offer {
			slots = List.copyOf(slots);
		}
	}

	/**
	 * The clinician, the kind of visit by its key and, if the clinician holds it, its open slots as
	 * {@link #openSlots} gives them, read in one statement: the path patients and calendars ask most
	 * often. No slots for an unknown clinician, an unknown or retired kind, a kind the clinician does
	 * not hold or a clinician who left.
	 */
	Offer offer(UUID clinicianId, String typeKey, Instant from, Instant to, Instant earliest);

	/** Whether a visit of this kind may start then, and if not, why. */
	enum Check {
		OPEN, OUTSIDE_HOURS, TAKEN, DAY_FULL
	}

	/**
	 * Checks one start time as {@link #openSlots} would offer it, leaving out the visit being moved
	 * (when there is one).
	 */
	Check check(UUID clinicianId, VisitType type, Instant startsAt, @Nullable VisitId moving);
}
