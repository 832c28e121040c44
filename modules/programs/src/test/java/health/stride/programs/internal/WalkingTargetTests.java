package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import health.stride.programs.internal.WalkingTargets.Step;
import health.stride.programs.internal.WalkingTargets.Walked;

/** The micro-walk build-up by day, and how pain and flares hold it back. */
class WalkingTargetTests {

	static final LocalDate FIRST = LocalDate.of(2026, 11, 2);

	static Walked on(int day, int pain) {
		return new Walked(FIRST.plusDays(day - 1), pain, false);
	}

	static Walked flareOn(int day) {
		return new Walked(FIRST.plusDays(day - 1), 6, true);
	}

	/** Why the step is where it is, in the words of the English bundle. */
	static String why(WalkingTargets.Target target) {
		var words = new org.springframework.context.support.ResourceBundleMessageSource();
		words.setBasename("i18n/programs/messages");
		words.setDefaultEncoding("UTF-8");
		words.setAlwaysUseMessageFormat(true);
		return words.getMessage("programs.walking.why." + target.reason(), null, java.util.Locale.ENGLISH);
	}

	static WalkingTargets.Target on(int day, List<Walked> walked) {
		return WalkingTargets.target(FIRST, FIRST.plusDays(day - 1), 30, walked);
	}

	@Test
	void fiveMinutesThreeTimesADayOnDaysOneToThree() {
		for (int day = 1; day <= 3; day++) {
			assertThat(on(day, List.of(on(1, 2))).step()).isEqualTo(new Step(5, 3));
		}
	}

	@Test
	void eightMinutesOnDaysFourToSevenThenUpAStepEveryThreeGoodDaysToThirty() {
		var good = new java.util.ArrayList<Walked>();
		for (int day = 1; day <= 30; day++) {
			good.add(on(day, 2));
		}
		assertThat(on(4, good).step()).isEqualTo(new Step(8, 3));
		assertThat(on(7, good).step()).isEqualTo(new Step(8, 3));
		assertThat(on(8, good).step()).isEqualTo(new Step(10, 2));
		assertThat(on(11, good).step()).isEqualTo(new Step(15, 2));
		assertThat(on(14, good).step()).isEqualTo(new Step(20, 1));
		assertThat(on(17, good).step()).isEqualTo(new Step(25, 1));
		assertThat(on(20, good).step()).isEqualTo(new Step(30, 1));
		assertThat(why(on(20, good))).startsWith("You reached the goal");
		assertThat(on(29, good).step()).isEqualTo(new Step(30, 1));
		assertThat(on(20, good).stepNumber()).isEqualTo(7);
	}

	@Test
	void painAboveThreeOrNothingLoggedHoldsTheStep() {
		assertThat(on(4, List.of(on(1, 2), on(2, 5))).step()).isEqualTo(new Step(5, 3));
		assertThat(why(on(4, List.of(on(1, 2), on(2, 5))))).isEqualTo("Stays the same while pain is above 3.");
		assertThat(on(4, List.of()).step()).isEqualTo(new Step(5, 3));
		assertThat(why(on(4, List.of()))).isEqualTo("Stays the same until you log walks or sessions.");
	}

	@Test
	void aFlareTakesTheWalkerAStepBack() {
		var walked = new java.util.ArrayList<Walked>(List.of(on(1, 2), on(5, 2), on(8, 2), on(9, 2)));
		assertThat(on(11, walked).step()).isEqualTo(new Step(15, 2));
		walked.add(flareOn(12));
		assertThat(on(14, walked).step()).isEqualTo(new Step(10, 2));
		assertThat(why(on(14, walked))).isEqualTo("Held back a step after a pain flare.");
	}

	@Test
	void thePlansGoalCapsTheSteps() {
		var good = new java.util.ArrayList<Walked>();
		for (int day = 1; day <= 30; day++) {
			good.add(on(day, 1));
		}
		var capped = WalkingTargets.target(FIRST, FIRST.plusDays(29), 20, good);
		assertThat(capped.step()).isEqualTo(new Step(20, 1));
		assertThat(capped.steps()).isEqualTo(5);
	}
}
