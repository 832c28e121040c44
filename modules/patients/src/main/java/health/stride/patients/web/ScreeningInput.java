package health.stride.patients.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import health.stride.patients.Instrument;
import health.stride.platform.validation.FieldErrors;

/**
 * Reads a mood questionnaire as it arrives from a form or a JSON body and checks it, so the page and
 * the API accept and refuse the same things: a known instrument, and exactly one whole number from 0
 * to 3 for each of its items. Problems are message codes of the patients bundle.
 */
final class ScreeningInput {

	private ScreeningInput() {}

	/** What was read: the instrument and its answers, or null for each that was wrong. */
	record Read(@Nullable Instrument instrument, @Nullable List<Integer> answers) {}

	static @Nullable Instrument instrument(@Nullable String name, FieldErrors errors) {
		var instrument = name == null ? null : Instrument.parse(name.strip()).orElse(null);
		if (instrument == null) {
			errors.reject("instrument", "patients.screening.api.instrument");
		}
		return instrument;
	}

	/**
	 * The answers of a JSON body: anything but a whole number from 0 to 3 (a missing answer, a text, a
	 * fraction) is refused rather than rounded or guessed.
	 */
	static @Nullable List<Integer> answers(@Nullable Instrument instrument, @Nullable List<?> given, FieldErrors errors) {
		if (given == null) {
			errors.reject("answers", "patients.screening.api.answers.required");
			return null;
		}
		if (instrument != null && given.size() != instrument.items()) {
			errors.reject("answers", "patients.screening.api.answers.count", instrument.name(), instrument.items());
			return null;
		}
		var answers = new ArrayList<Integer>();
		for (int i = 0; i < given.size(); i++) {
			if (given.get(i) instanceof Integer answer && answer >= 0 && answer <= Instrument.MOST) {
				answers.add(answer);
			} else {
				errors.reject("answers[" + i + "]", "patients.screening.api.answer.range");
			}
		}
		return answers.size() == given.size() ? answers : null;
	}

	/** The answers of the page's form: one radio group {@code item1} ... {@code itemN} per item. */
	static @Nullable List<Integer> answers(Instrument instrument, java.util.function.Function<String, @Nullable String> form,
			FieldErrors errors) {
		var answers = new ArrayList<Integer>();
		for (int item = 1; item <= instrument.items(); item++) {
			var value = form.apply("item" + item);
			var answer = value == null ? null : switch (value.strip()) {
				case "0" -> 0;
				case "1" -> 1;
				case "2" -> 2;
				case "3" -> 3;
				default -> null;
			};
			if (answer == null) {
				errors.reject("item" + item, "patients.screening.answer.required");
			} else {
				answers.add(answer);
			}
		}
		return answers.size() == instrument.items() ? answers : null;
	}
}
