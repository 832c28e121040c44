package health.stride.patients;

import java.util.List;
import java.util.Optional;

/**
 * A validated mood questionnaire that is free to use (PHQ and GAD-7, public domain): every item is
 * answered 0 "not at all", 1 "several days", 2 "more than half the days" or 3 "nearly every day", and
 * the score is the sum. The severity bands are the published cut-offs (Kroenke and Spitzer 2001 and
 * 2003 for the PHQ-9 and PHQ-2, Spitzer 2006 for the GAD-7).
 */
public enum Instrument {

	/** The first two PHQ-9 items; 3 or more asks for the whole PHQ-9 at once. */
	PHQ2("phq", 2),
	/** The PHQ-9; any answer but "not at all" to item 9 (thoughts of self-harm) is urgent, whatever the score. */
	PHQ9("phq", 9),
	GAD7("gad", 7);

	/** Every item's highest answer: "nearly every day". */
	public static final int MOST = 3;

	/** The PHQ-2 score from which the PHQ-9 follows. */
	public static final int PHQ2_POSITIVE = 3;

	/** The PHQ-9 item on thoughts of self-harm, counted from 1. */
	public static final int SELF_HARM_ITEM = 9;

	private final String family;
	private final int items;

	Instrument(String family, int items) {
		this.family = family;
		this.items = items;
	}

	/** {@code phq} or {@code gad}: the wording's family in the bundles (the PHQ-2 asks the PHQ-9's first two items). */
	public String family() {
		return family;
	}

	/** How many items it asks. */
	public int items() {
		return items;
	}

	/** Its highest score. */
	public int maximum() {
		return items * MOST;
	}

	public static Optional<Instrument> parse(String name) {
		return java.util.Arrays.stream(values()).filter(it -> it.name().equals(name)).findFirst();
	}

	/** What a set of answers adds up to, and whether it calls for the care team at once. */
	public record Result(int score, Severity severity, boolean urgent) {

		@Override
		public String toString() {
			return "Result[...]"; // a score is health information
		}
	}

	/**
	 * Scores one set of answers.
	 *
	 * @throws IllegalArgumentException unless there is one answer per item, each from 0 to 3
	 */
	public Result score(List<Integer> answers) {
		if (answers.size() != items) {
			throw new IllegalArgumentException(name() + " takes " + items + " answers");
		}
		var score = 0;
		for (var answer : answers) {
			if (answer == null || answer < 0 || answer > MOST) {
				throw new IllegalArgumentException("Each answer is 0 to " + MOST);
			}
			score += answer;
		}
		return new Result(score, severity(score), this == PHQ9 && answers.get(SELF_HARM_ITEM - 1) > 0);
	}

	/** The published band of a score. */
	public Severity severity(int score) {
		if (score < 0 || score > maximum()) {
			throw new IllegalArgumentException("A " + name() + " score is 0 to " + maximum());
		}
		return switch (this) {
			case PHQ2 -> score >= PHQ2_POSITIVE ? Severity.POSITIVE : Severity.NEGATIVE;
			case PHQ9 -> score <= 4 ? Severity.MINIMAL : score <= 9 ? Severity.MILD : score <= 14 ? Severity.MODERATE
					: score <= 19 ? Severity.MODERATELY_SEVERE : Severity.SEVERE;
			case GAD7 -> score <= 4 ? Severity.MINIMAL : score <= 9 ? Severity.MILD : score <= 14 ? Severity.MODERATE
					: Severity.SEVERE;
		};
	}

	/** A score's band; the code is the word the API uses and ends the message key of its label. */
	public enum Severity implements Coded {

		MINIMAL("minimal"), MILD("mild"), MODERATE("moderate"), MODERATELY_SEVERE("moderately-severe"), SEVERE("severe"),
		/** PHQ-2 below 3. */
		NEGATIVE("negative"),
		/** PHQ-2 of 3 or more: the PHQ-9 follows. */
		POSITIVE("positive");

		private final String code;

		Severity(String code) {
			this.code = code;
		}

		@Override
		public String code() {
			return code;
		}
	}
}
