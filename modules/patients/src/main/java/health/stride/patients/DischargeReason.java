package health.stride.patients;

/** Why an episode of care ended, as the therapist chose it at discharge. */
public enum DischargeReason {
	GOALS_MET, PLATEAU, REFERRED, STOPPED_ATTENDING, OTHER
}
