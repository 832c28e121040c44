package health.stride.programs.internal;

import static org.assertj.core.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The clinic's medians, which a figure resting on fewer patients than the smallest group does not show. */
class MedianTests {

	@Test
	void theMedianOfAnEvenAndAnOddCount() {
		assertThat(JdbcOutcomes.median(List.of(1.0, 5.0, 2.0, 4.0, 3.0))).isEqualTo(3.0);
		assertThat(JdbcOutcomes.median(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0))).isEqualTo(3.5);
		assertThat(JdbcOutcomes.median(List.of(1.0, 2.0))).isNull();
	}
}
