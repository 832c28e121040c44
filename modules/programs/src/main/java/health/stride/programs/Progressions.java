package health.stride.programs;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

import health.stride.patients.PatientId;

/**
 * Whether a patient looks ready for a harder plan. The rules look only at sessions of the plan as
 * it stands (a change of plan starts them afresh):
 * <ul>
 * <li>steady: at least 6 sessions in the last 14 days, spread over 10 days or more, every exercise
 * done, pain after each at most 3, no flare;
 * <li>easy: at least 3 sessions in the last 7 days, spread over 5 days or more, every one felt easy,
 * pain after each at most 3, no flare.
 * </ul>
 * A suggestion goes to the therapist with its reason; the plan never changes by itself.
 */
public interface Progressions {

	/**
	 * An open suggestion: why the patient looks ready, stored as the rule's code and the number of
	 * sessions it counted ({@code steady:6}), read as words in the reader's language through
	 * {@link #words()}. A suggestion stored before the codes keeps its English sentence.
	 */
	record Suggestion(UUID id, String stored, Instant at) {

		private static final Pattern CODED = Pattern.compile("(steady|easy):(\\d+)");

		/** Why, as the message {@code programs.progression.<rule>} with the sessions counted. */
		public MessageSourceResolvable words() {
			var matcher = CODED.matcher(stored);
			return matcher.matches()
					? new DefaultMessageSourceResolvable(new String[] { "programs.progression." + matcher.group(1) },
							new Object[] { Integer.valueOf(matcher.group(2)) })
					: new DefaultMessageSourceResolvable(new String[0], null, stored);
		}
	}

	/** The suggestion the therapist has not acted on yet, if there is one. */
	Optional<Suggestion> open(PatientId patient);
}
