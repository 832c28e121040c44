package health.stride.careteams.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One 30-day period of remote therapeutic monitoring, numbered from 1: the first starts on the day of
 * the set-up and education, each next one the day after the last ended. Dates are days of the
 * clinic's calendar, both ends included.
 */
public record MonitoringPeriod(int number, LocalDate start, LocalDate end) {

	public static final int DAYS = 30;

	/** The period that holds the day, if monitoring had begun by then. */
	public static Optional<MonitoringPeriod> containing(LocalDate setUpOn, LocalDate day) {
		if (day.isBefore(setUpOn)) {
			return Optional.empty();
		}
		var index = ChronoUnit.DAYS.between(setUpOn, day) / DAYS;
		var start = setUpOn.plusDays(index * DAYS);
		return Optional.of(new MonitoringPeriod((int) index + 1, start, start.plusDays(DAYS - 1)));
	}

	public boolean contains(LocalDate day) {
		return !day.isBefore(start) && !day.isAfter(end);
	}

	/** The period before this one, if there was one. */
	public Optional<MonitoringPeriod> previous() {
		return number == 1 ? Optional.empty()
				: Optional.of(new MonitoringPeriod(number - 1, start.minusDays(DAYS), start.minusDays(1)));
	}
}
