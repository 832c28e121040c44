package health.stride.patients.web;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import health.stride.patients.Aggravator;
import health.stride.patients.Coded;
import health.stride.patients.Diagnosis;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.IntakeStep;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.platform.validation.FieldErrors;

/**
 * Reads intake answers as they arrive from a form or a JSON body (codes of the contract's value
 * lists, numbers, text) and checks every field, so the pages and the API accept and refuse
 * exactly the same things. Problems are message codes of the patients bundle. Each method records its fields' problems in the given errors and
 * returns null when any of them was wrong.
 */
final class IntakeInput {

	public static final int MAX_GOALS = 1_000;
	public static final int MAX_ACTIVITY = 120;
	public static final int MAX_PSFS = 5;

	private IntakeInput() {}

	/** The whole intake in one go, as {@code POST /api/me/intake} takes it. */
	public static IntakeAnswers answers(@Nullable List<String> painRegions, @Nullable Integer painNow,
			@Nullable String painDuration, @Nullable List<String> worseWith, @Nullable List<String> diagnoses,
			@Nullable String goals, @Nullable List<Psfs> psfs, @Nullable Map<String, @Nullable Boolean> redFlags) {

		var errors = new FieldErrors();
		var where = whereItHurts(painRegions, painNow, errors);
		var course = course(painDuration, worseWith, errors);
		var history = history(diagnoses, goals, errors);
		var function = function(psfs, errors);
		var screen = screen(redFlags, true, errors);
		errors.throwIfAny();

		return new IntakeAnswers(requireNonNull(where).regions(), where.painNow(), requireNonNull(course).duration(),
				course.worseWith(), requireNonNull(history).diagnoses(), history.goals(), requireNonNull(function).psfs(),
				requireNonNull(screen).yes());
	}

	/** A PSFS line as entered: the activity and its score, either possibly missing. */
	public record Psfs(@Nullable String activity, @Nullable Integer score) {}

	public static IntakeStep.@Nullable WhereItHurts whereItHurts(@Nullable List<String> regions, @Nullable Integer painNow,
			FieldErrors errors) {

		var chosen = codes(PainRegion.class, "painRegions", regions, errors);
		if (chosen != null && chosen.isEmpty()) {
			errors.reject("painRegions", "patients.intake.pain-regions.required");
		}
		var pain = painScore("painNow", painNow, "patients.intake.pain-now.required", errors);

		return chosen == null || chosen.isEmpty() || pain == null ? null : new IntakeStep.WhereItHurts(chosen, pain);
	}

	public static IntakeStep.@Nullable Course course(@Nullable String duration, @Nullable List<String> worseWith,
			FieldErrors errors) {

		@Nullable PainDuration parsed = null;
		if (duration == null || duration.isBlank()) {
			errors.reject("painDuration", "patients.intake.pain-duration.required");
		} else {
			parsed = Coded.of(PainDuration.class, duration.strip()).orElse(null);
			if (parsed == null) {
				errors.reject("painDuration", "patients.intake.pain-duration.invalid");
			}
		}
		var aggravators = codes(Aggravator.class, "worseWith", worseWith, errors);

		return parsed == null || aggravators == null ? null : new IntakeStep.Course(parsed, aggravators);
	}

	public static IntakeStep.@Nullable History history(@Nullable List<String> diagnoses, @Nullable String goals,
			FieldErrors errors) {

		var known = codes(Diagnosis.class, "diagnoses", diagnoses, errors);
		var text = goals == null ? "" : goals.strip();

		if (text.isEmpty()) {
			errors.reject("goals", "patients.intake.goals.required");
		} else if (text.length() > MAX_GOALS) {
			errors.reject("goals", "patients.intake.goals.too-long", MAX_GOALS);
		}

		return known == null || errors.has("goals") ? null : new IntakeStep.History(known, text);
	}

	public static IntakeStep.@Nullable Function function(@Nullable List<Psfs> lines, FieldErrors errors) {

		var items = new ArrayList<PsfsItem>();
		var entered = lines == null ? List.<Psfs>of()
				: lines.stream().filter(it -> it != null && !(isBlank(it.activity()) && it.score() == null)).toList();

		if (entered.isEmpty()) {
			errors.reject("psfs", "patients.intake.psfs.required");
			return null;
		}
		if (entered.size() > MAX_PSFS) {
			errors.reject("psfs", "patients.intake.psfs.too-many", MAX_PSFS);
			return null;
		}

		var valid = true;
		for (int i = 0; i < entered.size(); i++) {
			var line = entered.get(i);
			var activity = line.activity() == null ? "" : line.activity().strip();
			if (activity.isEmpty()) {
				errors.reject("psfs[" + i + "].activity", "patients.intake.activity.required");
				valid = false;
			} else if (activity.length() > MAX_ACTIVITY) {
				errors.reject("psfs[" + i + "].activity", "patients.intake.activity.too-long", MAX_ACTIVITY);
				valid = false;
			}
			var score = painScore("psfs[" + i + "].score", line.score(),
					"patients.intake.score.required", errors);
			if (score == null) {
				valid = false;
			} else if (valid) {
				items.add(new PsfsItem(activity, score));
			}
		}

		return valid ? new IntakeStep.Function(items) : null;
	}

	/**
	 * The red-flag answers by field name ({@link RedFlag#code()}). At intake every question must be
	 * answered; a report made later may name only the symptoms that are new.
	 */
	public static IntakeStep.@Nullable Screen screen(@Nullable Map<String, @Nullable Boolean> answers, boolean everyAnswered,
			FieldErrors errors) {

		var given = answers == null ? Map.<String, @Nullable Boolean>of() : answers;
		var yes = EnumSet.noneOf(RedFlag.class);
		var valid = true;

		for (var name : given.keySet()) {
			if (Coded.of(RedFlag.class, name).isEmpty()) {
				errors.reject("redFlags." + name, "patients.intake.red-flag.unknown");
				valid = false;
			}
		}
		for (var flag : RedFlag.values()) {
			var answer = given.get(flag.code());
			if (answer == null && everyAnswered) {
				errors.reject("redFlags." + flag.code(), "patients.intake.red-flag.answer");
				valid = false;
			} else if (Boolean.TRUE.equals(answer)) {
				yes.add(flag);
			}
		}

		return valid ? new IntakeStep.Screen(yes) : null;
	}

	private static @Nullable Integer painScore(String field, @Nullable Integer value, String missing, FieldErrors errors) {

		if (value == null) {
			errors.reject(field, missing);
			return null;
		}
		if (value < 0 || value > 10) {
			errors.reject(field, "patients.intake.score.range");
			return null;
		}
		return value;
	}

	private static <E extends Enum<E> & Coded> @Nullable Set<E> codes(Class<E> type, String field,
			@Nullable List<String> codes, FieldErrors errors) {

		var chosen = EnumSet.noneOf(type);
		for (var code : codes == null ? List.<String>of() : codes) {
			var value = code == null ? null : Coded.of(type, code.strip()).orElse(null);
			if (value == null) {
				errors.reject(field, "patients.intake.code.unknown", String.valueOf(code), String.join(", ",
						java.util.Arrays.stream(type.getEnumConstants()).map(Coded::code).toList()));
				return null;
			}
			chosen.add(value);
		}
		return chosen;
	}

	private static boolean isBlank(@Nullable String text) {
		return text == null || text.isBlank();
	}
}
