package health.stride.patients;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import health.stride.patients.Instrument.Severity;

/**
 * Scoring against the published cut-offs: PHQ-9 (Kroenke, Spitzer and Williams 2001) 0–4, 5–9, 10–14,
 * 15–19, 20–27; GAD-7 (Spitzer et al. 2006) 0–4, 5–9, 10–14, 15–21; PHQ-2 (Kroenke et al. 2003)
 * positive from 3. Every boundary on both sides.
 */
class InstrumentTests {

	@ParameterizedTest(name = "{0} scoring {1} is {2}")
	@CsvSource({
			"PHQ9, 0, MINIMAL", "PHQ9, 4, MINIMAL", "PHQ9, 5, MILD", "PHQ9, 9, MILD", "PHQ9, 10, MODERATE",
			"PHQ9, 14, MODERATE", "PHQ9, 15, MODERATELY_SEVERE", "PHQ9, 19, MODERATELY_SEVERE", "PHQ9, 20, SEVERE",
			"PHQ9, 27, SEVERE",
			"GAD7, 0, MINIMAL", "GAD7, 4, MINIMAL", "GAD7, 5, MILD", "GAD7, 9, MILD", "GAD7, 10, MODERATE",
			"GAD7, 14, MODERATE", "GAD7, 15, SEVERE", "GAD7, 21, SEVERE",
			"PHQ2, 0, NEGATIVE", "PHQ2, 2, NEGATIVE", "PHQ2, 3, POSITIVE", "PHQ2, 6, POSITIVE" })
	void bandsEveryScoreAsPublished(Instrument instrument, int score, Severity severity) {
		assertThat(instrument.severity(score)).isEqualTo(severity);
		assertThat(instrument.score(answersSumming(instrument, score, false))).satisfies(it -> {
			assertThat(it.score()).isEqualTo(score);
			assertThat(it.severity()).isEqualTo(severity);
		});
	}

	@Test
	void addsTheAnswersUp() {
		assertThat(Instrument.PHQ9.score(List.of(0, 1, 2, 3, 0, 1, 2, 3, 0)).score()).isEqualTo(12);
		assertThat(Instrument.GAD7.score(List.of(3, 3, 3, 3, 3, 3, 3)).score()).isEqualTo(21);
		assertThat(Instrument.PHQ2.score(List.of(1, 2)).severity()).isEqualTo(Severity.POSITIVE);
	}

	@Test
	void makesAnyAnswerButNotAtAllToTheSelfHarmItemUrgentWhateverTheScore() {
		for (int answer = 1; answer <= 3; answer++) {
			var answers = new ArrayList<>(Collections.nCopies(9, 0));
			answers.set(8, answer);
			assertThat(Instrument.PHQ9.score(answers)).satisfies(it -> {
				assertThat(it.urgent()).isTrue();
				assertThat(it.severity()).isEqualTo(Severity.MINIMAL);
			});
		}
		assertThat(Instrument.PHQ9.score(List.of(3, 3, 3, 3, 3, 3, 3, 3, 0)).urgent()).as("severe, item 9 not at all")
				.isFalse();
		assertThat(Instrument.GAD7.score(List.of(0, 0, 0, 0, 0, 0, 3)).urgent()).as("the GAD-7's last item").isFalse();
		assertThat(Instrument.PHQ2.score(List.of(3, 3)).urgent()).isFalse();
	}

	@Test
	void refusesAnswersOfTheWrongCountOrOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.PHQ2.score(List.of(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.PHQ9.score(List.of(1, 1, 1, 1, 1, 1, 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.GAD7.score(List.of(0, 0, 0, 0, 0, 0, 0, 0)));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.GAD7.score(List.of(0, 0, 0, 0, 0, 0, 4)));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.PHQ2.score(List.of(-1, 0)));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.PHQ2.severity(7));
		assertThat(Instrument.PHQ2.maximum()).isEqualTo(6);
		assertThat(Instrument.PHQ9.maximum()).isEqualTo(27);
		assertThat(Instrument.GAD7.maximum()).isEqualTo(21);
	}

	/** Answers adding up to the score, filled from the first item; the PHQ-9's item 9 kept at 0 unless asked. */
	static List<Integer> answersSumming(Instrument instrument, int score, boolean selfHarm) {
		var answers = new ArrayList<>(Collections.nCopies(instrument.items(), 0));
		var left = score;
		for (int i = 0; i < answers.size() && left > 0; i++) {
			if (instrument == Instrument.PHQ9 && i == 8 && !selfHarm) {
				continue;
			}
			var answer = Math.min(3, left);
			answers.set(i, answer);
			left -= answer;
		}
		if (left > 0) { // 25 to 27 on the PHQ-9 need item 9 too
			answers.set(8, left);
		}
		return answers;
	}
}
