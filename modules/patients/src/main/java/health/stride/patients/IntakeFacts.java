package health.stride.patients;

/**
 * What a finished intake says that a therapist's plan is tailored by, and the pain reported then
 * (the baseline of the patient's outcomes).
 *
 * @param proneIntolerant lying on the stomach makes the pain worse
 * @param extensionIntolerant bending backward makes it worse, or the patient has spinal stenosis
 * @param flexionTriggered bending forward makes it worse
 * @param painNow the pain at intake, 0 to 10
 * @param painDuration how long the pain had lasted at intake
 * @param stenosis the patient has spinal stenosis (walking may bring on leg symptoms; bending forward eases them)
 */
public record IntakeFacts(boolean proneIntolerant, boolean extensionIntolerant, boolean flexionTriggered,
		int painNow, PainDuration painDuration, boolean stenosis) {

	public static IntakeFacts of(IntakeDraft draft) {
		var worse = draft.worseWith();
		var stenosis = draft.diagnoses().contains(Diagnosis.SPINAL_STENOSIS);
		return new IntakeFacts(worse.contains(Aggravator.LYING_PRONE), worse.contains(Aggravator.BENDING_BACK) || stenosis,
				worse.contains(Aggravator.BENDING_FORWARD), java.util.Objects.requireNonNull(draft.painNow()),
				java.util.Objects.requireNonNull(draft.painDuration()), stenosis);
	}
}
