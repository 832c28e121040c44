package health.stride.careteams.internal;

/**
 * What one patient's period of remote therapeutic monitoring counted, and which of the codes of the
 * RTM family it reaches: 98975 (initial set-up and patient education, once per episode: the set-up
 * day falls in the period), 98977 (device supply for musculoskeletal monitoring: data reported on at
 * least {@value #DAYS_FOR_SUPPLY} days), 98980 (treatment management, the first
 * {@value #MINUTES_PER_UNIT} minutes) and 98981 (each further full {@value #MINUTES_PER_UNIT}
 * minutes). Counting only: the clinic decides what it bills.
 */
public record MonitoringCounts(boolean setUpInPeriod, int daysWithData, int minutes) {

	public static final int DAYS_FOR_SUPPLY = 16;
	public static final int MINUTES_PER_UNIT = 20;

	public MonitoringCounts {
		if (daysWithData < 0 || minutes < 0) {
			throw new IllegalArgumentException("counts are never negative");
		}
	}

	/** 98977: data on enough days of the period. */
	public boolean reachesDeviceSupply() {
		return daysWithData >= DAYS_FOR_SUPPLY;
	}

	/** 98980: the first 20 minutes of treatment management. */
	public boolean reachesTreatment() {
		return minutes >= MINUTES_PER_UNIT;
	}

	/** 98981: one for each full 20 minutes beyond the first 20 (40 minutes: 1, 60 minutes: 2). */
	public int furtherTreatmentUnits() {
		return reachesTreatment() ? (minutes - MINUTES_PER_UNIT) / MINUTES_PER_UNIT : 0;
	}

	/** Whether the period reaches any code at all. */
	public boolean reachesAny() {
		return setUpInPeriod || reachesDeviceSupply() || reachesTreatment();
	}
}
