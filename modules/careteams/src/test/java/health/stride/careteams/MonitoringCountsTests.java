package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import health.stride.careteams.internal.MonitoringCounts;
import health.stride.careteams.internal.MonitoringPeriod;

/** The thresholds of the RTM family and the 30-day periods, on their boundaries. */
class MonitoringCountsTests {

	static final LocalDate SET_UP = LocalDate.of(2026, 3, 1);

	@Test
	void reachesDeviceSupplyOnTheSixteenthDayNotTheFifteenth() {
		assertThat(new MonitoringCounts(false, 15, 0).reachesDeviceSupply()).isFalse();
		assertThat(new MonitoringCounts(false, 16, 0).reachesDeviceSupply()).isTrue();
	}

	@Test
	void countsTreatmentManagementInUnitsOfTwentyMinutes() {
		assertThat(new MonitoringCounts(false, 0, 19).reachesTreatment()).isFalse();
		assertThat(new MonitoringCounts(false, 0, 19).furtherTreatmentUnits()).isZero();
		assertThat(new MonitoringCounts(false, 0, 20).reachesTreatment()).isTrue();
		assertThat(new MonitoringCounts(false, 0, 20).furtherTreatmentUnits()).isZero();
		assertThat(new MonitoringCounts(false, 0, 39).furtherTreatmentUnits()).isZero();
		assertThat(new MonitoringCounts(false, 0, 40).furtherTreatmentUnits()).isOne();
		assertThat(new MonitoringCounts(false, 0, 59).furtherTreatmentUnits()).isOne();
		assertThat(new MonitoringCounts(false, 0, 60).furtherTreatmentUnits()).isEqualTo(2);
	}

	@Test
	void reachesNothingWithoutSetUpDaysOrMinutes() {
		assertThat(new MonitoringCounts(false, 15, 19).reachesAny()).isFalse();
		assertThat(new MonitoringCounts(true, 0, 0).reachesAny()).isTrue();
	}

	@Test
	void endsTheFirstPeriodOnItsThirtiethDayAndStartsTheNextOnTheThirtyFirst() {
		var thirtieth = SET_UP.plusDays(29);
		var thirtyFirst = SET_UP.plusDays(30);

		assertThat(MonitoringPeriod.containing(SET_UP, SET_UP)).contains(new MonitoringPeriod(1, SET_UP, thirtieth));
		assertThat(MonitoringPeriod.containing(SET_UP, thirtieth)).contains(new MonitoringPeriod(1, SET_UP, thirtieth));
		assertThat(MonitoringPeriod.containing(SET_UP, thirtyFirst))
				.contains(new MonitoringPeriod(2, thirtyFirst, SET_UP.plusDays(59)));
		assertThat(MonitoringPeriod.containing(SET_UP, thirtyFirst).orElseThrow().previous())
				.contains(new MonitoringPeriod(1, SET_UP, thirtieth));
	}

	@Test
	void hasNoPeriodBeforeTheSetUp() {
		assertThat(MonitoringPeriod.containing(SET_UP, SET_UP.minusDays(1))).isEmpty();
	}
}
