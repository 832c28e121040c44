package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.MessageSourceResolvable;

import health.stride.platform.validation.FieldErrors;

/** A dosing checks its own ranges, in one place, as message codes with the range's ends. */
class DosingTests {

	@ParameterizedTest(name = "{0} = {1} is refused with {2} ({3} to {4})")
	@CsvSource({
			"sets,            0,    programs.dosing.sets.range,             1, 10",
			"sets,            11,   programs.dosing.sets.range,             1, 10",
			"reps,            101,  programs.dosing.reps.range,             1, 100",
			"durationSeconds, 7201, programs.dosing.duration-seconds.range, 1, 7200",
			"holdSeconds,     0,    programs.dosing.hold-seconds.range,     1, 600",
			"timesPerDay,     11,   programs.dosing.times-per-day.range,    1, 10",
			"daysPerWeek,     8,    programs.dosing.days-per-week.range,    1, 7",
			"restSeconds,     -1,   programs.dosing.rest-seconds.range,     0, 600",
	})
	void refusesAValueOutsideItsRangeWithTheFieldsCodeAndTheRangesEnds(String field, int value, String code, int min,
			int max) {

		var errors = new FieldErrors();
		var dosing = Dosing.of("exercises[0].", field.equals("sets") ? value : 2,
				field.equals("durationSeconds") ? null : field.equals("reps") ? value : 10,
				field.equals("durationSeconds") ? value : null, field.equals("holdSeconds") ? value : null, Side.BOTH,
				field.equals("timesPerDay") ? value : 1, field.equals("daysPerWeek") ? value : 7,
				field.equals("restSeconds") ? value : 30, null, errors);

		assertThat(dosing).isNull();
		assertThat(errors.asMap()).containsOnlyKeys("exercises[0]." + field);
		MessageSourceResolvable problem = errors.asMap().get("exercises[0]." + field);
		assertThat(problem.getCodes()).containsExactly(code);
		assertThat(problem.getArguments()).containsExactly(min, max);
	}

	@Test
	void asksForRepetitionsOrSecondsASideAndAShortNote() {

		var errors = new FieldErrors();
		assertThat(Dosing.of("", 2, 10, 30, null, null, 1, 7, 30, "x".repeat(501), errors)).isNull();

		assertThat(errors.asMap()).containsOnlyKeys("reps", "side", "note");
		assertThat(errors.asMap().get("reps").getCodes()).containsExactly("programs.dosing.reps-or-seconds");
		assertThat(errors.asMap().get("side").getCodes()).containsExactly("programs.dosing.side.required");
		assertThat(errors.asMap().get("note").getCodes()).containsExactly("programs.dosing.note.too-long");
		assertThat(errors.asMap().get("note").getArguments()).containsExactly(Dosing.MAX_NOTE);
	}

	@Test
	void acceptsTheEndsOfEveryRangeAndDropsABlankNote() {

		var errors = new FieldErrors();
		var dosing = Dosing.of("", 10, null, 7200, 600, Side.EACH, 10, 7, 0, "  ", errors);

		assertThat(errors.isEmpty()).isTrue();
		assertThat(dosing).isEqualTo(new Dosing(10, null, 7200, 600, Side.EACH, 10, 7, 0, null));
	}

	@Test
	void cannotBeMadeOutOfRangeByItsConstructorEither() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Dosing(11, 10, null, null, Side.BOTH, 1, 7, 30, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Dosing(1, 10, 30, null, Side.BOTH, 1, 7, 30, null));
	}

	@Test
	void summarisesItselfInTheReadersLanguage() {

		var each = new Dosing(2, 10, null, 5, Side.EACH, 1, 7, 30, null);
		var timed = new Dosing(3, null, 120, null, Side.BOTH, 1, 7, 30, null);

		assertThat(each.words().in(PlanDiffTests.MESSAGES, Locale.ENGLISH)).isEqualTo("2×10 each side, hold 5 s");
		assertThat(each.words().in(PlanDiffTests.MESSAGES, Locale.forLanguageTag("es")))
				.isEqualTo("2×10 de cada lado, mantener 5 s");
		assertThat(timed.words().in(PlanDiffTests.MESSAGES, Locale.ENGLISH)).isEqualTo(timed.summary()).isEqualTo("3×2 min");
	}
}
