package health.stride.patients;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The end of a patient's sponsored cover and where it stands today (the clinic's day): still
 * {@link Stage#ENDING} up to and on its last day, then {@link Stage#ENDED} through the clinic's grace
 * period, then {@link Stage#READ_ONLY}: the portal takes nothing new, unless the clinic moved the
 * patient to another way of paying, and then it stays {@link Stage#ENDED}.
 *
 * @param endsOn the last day the sponsor covers the patient
 * @param graceEndsOn the last day the portal stays open without another payer
 */
public record CoverageEnd(LocalDate endsOn, LocalDate graceEndsOn, Stage stage) {

	public enum Stage {
		ENDING, ENDED, READ_ONLY;
	}

	/** The rule, in one place: {@code today} is read from the clock in the clinic's time zone. */
	public static CoverageEnd of(LocalDate endsOn, Duration grace, PaymentMethod payment, Clock clock, ZoneId clinicZone) {

		var today = LocalDate.now(clock.withZone(clinicZone));
		var graceEndsOn = endsOn.plusDays(grace.toDays());
		Stage stage;
		if (!today.isAfter(endsOn)) {
			stage = Stage.ENDING;
		} else if (payment != PaymentMethod.SPONSOR || !today.isAfter(graceEndsOn)) {
			stage = Stage.ENDED;
		} else {
			stage = Stage.READ_ONLY;
		}
		return new CoverageEnd(endsOn, graceEndsOn, stage);
	}

	public boolean portalReadOnly() {
		return stage == Stage.READ_ONLY;
	}
}
