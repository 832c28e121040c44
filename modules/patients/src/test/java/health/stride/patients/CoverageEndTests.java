package health.stride.patients;

import static org.assertj.core.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import health.stride.patients.CoverageEnd.Stage;

/** Where the end of a patient's sponsored cover stands on each day, by the clinic's calendar. */
class CoverageEndTests {

	private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
	private static final Duration THIRTY_DAYS = Duration.ofDays(30);

	@Test
	void isEndingUpToAndOnItsLastDay() {
		var end = LocalDate.of(2026, 3, 31);
		assertThat(stage(end, LocalDate.of(2026, 3, 1), PaymentMethod.SPONSOR)).isEqualTo(Stage.ENDING);
		assertThat(stage(end, end, PaymentMethod.SPONSOR)).isEqualTo(Stage.ENDING);
		assertThat(stage(end, end.plusDays(1), PaymentMethod.SPONSOR)).isEqualTo(Stage.ENDED);
	}

	@Test
	void keepsThePortalOpenThroughTheLastDayOfGraceAndMakesItReadOnlyTheDayAfter() {
		var end = LocalDate.of(2026, 3, 31);

		var lastDayOfGrace = CoverageEnd.of(end, THIRTY_DAYS, PaymentMethod.SPONSOR, morningOf(end.plusDays(30)), LOS_ANGELES);
		assertThat(lastDayOfGrace.graceEndsOn()).isEqualTo(LocalDate.of(2026, 4, 30));
		assertThat(lastDayOfGrace.stage()).isEqualTo(Stage.ENDED);
		assertThat(lastDayOfGrace.portalReadOnly()).isFalse();

		assertThat(stage(end, end.plusDays(31), PaymentMethod.SPONSOR)).isEqualTo(Stage.READ_ONLY);
	}

	@Test
	void countsTheDaysInTheClinicsTimeZoneNotInUtc() {
		var end = LocalDate.of(2026, 3, 31);
		// 1 May, 03:00 UTC is still 30 April, the last day of grace, in Los Angeles
		var clock = Clock.fixed(Instant.parse("2026-05-01T03:00:00Z"), ZoneOffset.UTC);

		assertThat(CoverageEnd.of(end, THIRTY_DAYS, PaymentMethod.SPONSOR, clock, LOS_ANGELES).stage())
				.isEqualTo(Stage.ENDED);
		assertThat(CoverageEnd.of(end, THIRTY_DAYS, PaymentMethod.SPONSOR, clock, ZoneOffset.UTC).stage())
				.isEqualTo(Stage.READ_ONLY);
	}

	@Test
	void keepsThePortalOpenAfterTheGraceForAPatientTheClinicMovedToAnotherPayer() {
		var end = LocalDate.of(2026, 3, 31);
		assertThat(stage(end, end.plusDays(365), PaymentMethod.SELF_PAY)).isEqualTo(Stage.ENDED);
		assertThat(stage(end, end.plusDays(365), PaymentMethod.INSURANCE)).isEqualTo(Stage.ENDED);
	}

	@Test
	void followsTheClinicsGracePeriod() {
		var end = LocalDate.of(2026, 3, 31);
		var clock = morningOf(end.plusDays(8));
		assertThat(CoverageEnd.of(end, Duration.ofDays(7), PaymentMethod.SPONSOR, clock, LOS_ANGELES).stage())
				.isEqualTo(Stage.READ_ONLY);
		assertThat(CoverageEnd.of(end, Duration.ZERO, PaymentMethod.SPONSOR, morningOf(end.plusDays(1)), LOS_ANGELES)
				.stage()).isEqualTo(Stage.READ_ONLY);
	}

	private static Stage stage(LocalDate end, LocalDate today, PaymentMethod payment) {
		return CoverageEnd.of(end, THIRTY_DAYS, payment, morningOf(today), LOS_ANGELES).stage();
	}

	private static Clock morningOf(LocalDate day) {
		return Clock.fixed(day.atTime(9, 0).atZone(LOS_ANGELES).toInstant(), ZoneOffset.UTC);
	}
}
