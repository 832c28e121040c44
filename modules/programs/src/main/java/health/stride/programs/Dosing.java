package health.stride.programs;

import org.jspecify.annotations.Nullable;

import health.stride.platform.validation.FieldErrors;

/**
 * How much of an exercise: sets of either repetitions or a duration, how long each repetition is
 * held, on which side, how often, and the rest between sets, with a note from the therapist.
 * <p>
 * The ranges live here and only here ({@link #check}): the editor's form, the tailoring API and the
 * constructor ask this record; the database's CHECK constraints are the last guard behind it.
 */
public record Dosing(int sets, @Nullable Integer reps, @Nullable Integer durationSeconds, @Nullable Integer holdSeconds,
		Side side, int timesPerDay, int daysPerWeek, int restSeconds, @Nullable String note) {

	/** A range a field of a dosing may take, both ends included; its message code names the field. */
	public enum Range {

		SETS("sets", 1, 10), REPS("reps", 1, 100), DURATION_SECONDS("durationSeconds", 1, 7200),
		HOLD_SECONDS("holdSeconds", 1, 600), TIMES_PER_DAY("timesPerDay", 1, 10), DAYS_PER_WEEK("daysPerWeek", 1, 7),
		REST_SECONDS("restSeconds", 0, 600);

		/** The field's name in forms and requests, e.g. {@code durationSeconds}. */

		private final String field;
		private final int min;
		private final int max;

		Range(String field, int min, int max) {
			this.field = field;
			this.min = min;
			this.max = max;
		}

		public String field() {
			return field;
		}

		public int min() {
			return min;
		}

		public int max() {
			return max;
		}

		/**
		 * {@code programs.dosing.sets.range}, {@code programs.dosing.duration-seconds.range}, with the
		 * range's ends as arguments.
		 */
		public String code() {
			return "programs.dosing." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".range";
		}

		boolean holds(@Nullable Integer value) {
			return value != null && value >= min && value <= max;
		}
	}

	/** The longest note a therapist may write to the patient on one exercise. */
	public static final int MAX_NOTE = 500;

	public Dosing {
		var errors = check("", sets, reps, durationSeconds, holdSeconds, side, timesPerDay, daysPerWeek, restSeconds, note,
				new FieldErrors());
		if (!errors.isEmpty()) {
			throw new IllegalArgumentException("Not a dosing: " + errors.asMap().keySet());
		}
	}

	/**
	 * The dosing of these values, or null with the problems added to {@code errors} under the field
	 * names after {@code prefix} ({@code exercises[0].} gives {@code exercises[0].sets}). A blank note
	 * is no note.
	 */
	public static @Nullable Dosing of(String prefix, @Nullable Integer sets, @Nullable Integer reps,
			@Nullable Integer durationSeconds, @Nullable Integer holdSeconds, @Nullable Side side,
			@Nullable Integer timesPerDay, @Nullable Integer daysPerWeek, @Nullable Integer restSeconds,
			@Nullable String note, FieldErrors errors) {

		var mine = check(prefix, sets, reps, durationSeconds, holdSeconds, side, timesPerDay, daysPerWeek, restSeconds,
				note, new FieldErrors());
		if (!mine.isEmpty()) {
			mine.asMap().forEach((field, problem) -> errors.reject(field, problem.getCodes()[0],
					problem.getArguments() == null ? new Object[0] : problem.getArguments()));
			return null;
		}
		return new Dosing(sets, reps, durationSeconds, holdSeconds, side, timesPerDay, daysPerWeek, restSeconds,
				note == null || note.isBlank() ? null : note.strip());
	}

	/** Every rule of a dosing, each problem once, under its field's name. */
	private static FieldErrors check(String prefix, @Nullable Integer sets, @Nullable Integer reps,
			@Nullable Integer durationSeconds, @Nullable Integer holdSeconds, @Nullable Side side,
			@Nullable Integer timesPerDay, @Nullable Integer daysPerWeek, @Nullable Integer restSeconds,
			@Nullable String note, FieldErrors errors) {

		range(prefix, Range.SETS, sets, errors);
		if ((reps == null) == (durationSeconds == null)) {
			errors.reject(prefix + Range.REPS.field(), "programs.dosing.reps-or-seconds");
		} else if (reps != null) {
			range(prefix, Range.REPS, reps, errors);
		} else {
			range(prefix, Range.DURATION_SECONDS, durationSeconds, errors);
		}
		if (holdSeconds != null) {
			range(prefix, Range.HOLD_SECONDS, holdSeconds, errors);
		}
		if (side == null) {
			errors.reject(prefix + "side", "programs.dosing.side.required");
		}
		range(prefix, Range.TIMES_PER_DAY, timesPerDay, errors);
		range(prefix, Range.DAYS_PER_WEEK, daysPerWeek, errors);
		range(prefix, Range.REST_SECONDS, restSeconds, errors);
		if (note != null && note.strip().length() > MAX_NOTE) {
			errors.reject(prefix + "note", "programs.dosing.note.too-long", MAX_NOTE);
		}
		return errors;
	}

	private static void range(String prefix, Range range, @Nullable Integer value, FieldErrors errors) {
		if (!range.holds(value)) {
			errors.reject(prefix + range.field(), range.code(), range.min(), range.max());
		}
	}

	/** Short form for lists and diffs in the reader's language: "2×10 each side, hold 5 s" or "3×30 s". */
	public Phrase words() {
		var each = side == Side.EACH ? 1 : 0;
		var hold = holdSeconds == null ? 0 : 1;
		var held = holdSeconds == null ? 0 : holdSeconds;
		if (reps != null) {
			return Phrase.of("programs.dosing.summary.reps", sets, reps, each, hold, held);
		}
		var seconds = durationSeconds == null ? 0 : durationSeconds;
		return seconds >= 60 && seconds % 60 == 0
				? Phrase.of("programs.dosing.summary.minutes", sets, seconds / 60, each, hold, held)
				: Phrase.of("programs.dosing.summary.seconds", sets, seconds, each, hold, held);
	}

	/** Short form in English, for logs and the pages not yet in the bundles: "2×10 each side, hold 5 s". */
	public String summary() {
		var amount = reps != null ? sets + "×" + reps : sets + "×" + seconds(durationSeconds);
		return amount + (side == Side.EACH ? " each side" : "") + (holdSeconds == null ? "" : ", hold " + holdSeconds + " s");
	}

	private static String seconds(@Nullable Integer seconds) {
		if (seconds == null) {
			return "";
		}
		return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
	}
}
