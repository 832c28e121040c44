package health.stride.patients;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * The end of a patient's sponsored cover and where it stands today (the clinic's day): still
 * {@link Stage#ENDING} up to and on its last day, then {@link Stage#ENDED} through the clinic's grace
 * period, then {@link Stage#READ_ONLY}: the portal takes nothing new, unless the clinic moved the
 * patient to another way of paying, and then it stays {@link Stage#ENDED}.
 *
 * @param endsOn the last day the sponsor covers the patient
 * @param graceEndsOn the last day the portal stays open without another payer
 * @param sponsored whether the patient still pays through the sponsor (no other payer chosen)
 */
public record CoverageEnd(LocalDate endsOn, LocalDate graceEndsOn, boolean sponsored, Stage stage) {

	public enum Stage {
		ENDING, ENDED, READ_ONLY;
	}

	/** The rule, in one place: {@code today} is read from the clock in the clinic's time zone. */
	public static CoverageEnd of(LocalDate endsOn, Duration grace, PaymentMethod payment, Clock clock, ZoneId clinicZone) {

		var today = LocalDate.now(clock.withZone(clinicZone));
		var graceEndsOn = endsOn.plusDays(grace.toDays());
		var sponsored = payment == PaymentMethod.SPONSOR;
		var readOnlyFrom = sponsored ? graceEndsOn.plusDays(1) : null;
		return new CoverageEnd(endsOn, graceEndsOn, sponsored, stage(endsOn, readOnlyFrom, today));
	}

	/**
	 * Where an end stands on a day: for read models that keep the two dates and ask again each day.
	 *
	 * @param portalReadOnlyFrom as {@link #portalReadOnlyFrom()}: null for a patient with another payer
	 */
	public static Stage stage(LocalDate endsOn, @Nullable LocalDate portalReadOnlyFrom, LocalDate today) {
		if (!today.isAfter(endsOn)) {
			return Stage.ENDING;
		}
		return portalReadOnlyFrom != null && !today.isBefore(portalReadOnlyFrom) ? Stage.READ_ONLY : Stage.ENDED;
	}

	/** The first day the portal is read-only, unless the clinic moves the patient to another payer first. */
	public @Nullable LocalDate portalReadOnlyFrom() {
		return sponsored ? graceEndsOn.plusDays(1) : null;
	}

	public boolean portalReadOnly() {
		return stage == Stage.READ_ONLY;
	}
}
