package health.stride.programs;

import java.time.ZoneId;

import health.stride.patients.PatientId;

/**
 * How a patient keeps up their exercise, for their home page: the days of this week with a session
 * against the plan's days a week, and how many weeks in a row they met that goal. A week runs Monday to Sunday
 * in the patient's zone. The week under way never breaks a streak (it is not over); once a week
 * has passed short of the goal the streak starts again. After {@link #WELCOME_BACK_AFTER_DAYS} days
 * without a session the page welcomes the patient back instead of showing what they missed.
 */
public interface Habits {

	/** Days without a session after which the home page says "welcome back". */
	int WELCOME_BACK_AFTER_DAYS = 7;

	/**
	 * @param daysThisWeek days since Monday with a session (two sessions on one day count once)
	 * @param weeklyGoal the plan's days a week (0 without a plan)
	 * @param weeksInARow weeks in a row that met the goal, this week counted once it is met
	 * @param welcomeBack the patient logged sessions before, but none in the last 7 days
	 */
	record Habit(int daysThisWeek, int weeklyGoal, int weeksInARow, boolean welcomeBack) {

		public boolean goalMet() {
			return weeklyGoal > 0 && daysThisWeek >= weeklyGoal;
		}
	}

	Habit of(PatientId patient, ZoneId zone);
}
