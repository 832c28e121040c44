package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Small-cell suppression, checked on many random series: nothing from 1 to 10 is shown, and no
 * withheld cell can be recomputed from the cells that are shown.
 */
class SuppressionTests {

	private static final Random RANDOM = new Random(20261122);

	@Test
	void withholdsCountsFromOneToTen() {
		assertThat(Suppression.single(0)).isZero();
		assertThat(Suppression.single(1)).isNull();
		assertThat(Suppression.single(10)).isNull();
		assertThat(Suppression.single(11)).isEqualTo(11);
	}

	@Test
	void withholdsASecondPartWhenOnlyOnePartWouldBeWithheld() {

		// 40 = 25 + 12 + 3: the 3 is withheld, so the 12 must go too, or 40 - 25 - 12 gives it away
		assertThat(Suppression.group(40, 25, 12, 3)).containsExactly(40L, 25L, null, null);
	}

	@Test
	void withholdsTheTotalWhenNoOtherPartCanHideTheWithheldOne() {
		assertThat(Suppression.group(5, 0, 5, 0)).containsExactly(null, 0L, null, 0L);
		assertThat(Suppression.group(15, 0, 15, 0)).containsExactly(15L, 0L, 15L, 0L);
	}

	@Test
	void neverLetsAWithheldCountBeWorkedOut() {
		for (int run = 0; run < 2_000; run++) {
			checkRandomSeries();
		}
	}

	private static void checkRandomSeries() {

		var parts = new long[1 + RANDOM.nextInt(13)];
		for (int i = 0; i < parts.length; i++) {
			parts[i] = switch (RANDOM.nextInt(4)) {
				case 0 -> 0;
				case 1 -> 1 + RANDOM.nextInt(10);
				default -> RANDOM.nextInt(60);
			};
		}
		var total = Arrays.stream(parts).sum();

		var cells = Suppression.group(total, parts);

		assertThat(cells).hasSize(parts.length + 1);
		assertThat(cells).filteredOn(Objects::nonNull).allSatisfy(shown -> assertThat(shown < 1 || shown > 10).as("%d is shown", shown).isTrue());
		for (int i = 1; i < cells.size(); i++) {
			assertThat(cells.get(i)).isIn(parts[i - 1], null);
		}
		assertThat(cells.get(0)).isIn(total, null);

		var withheld = cells.stream().filter(Objects::isNull).count();
		assertThat(withheld).as("withheld cells in %s from %s", cells, Arrays.toString(parts)).isNotEqualTo(1);
	}
}
