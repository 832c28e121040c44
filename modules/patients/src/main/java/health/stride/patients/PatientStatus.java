package health.stride.patients;

public enum PatientStatus {
	ONBOARDING, ACTIVE, PAUSED, DISCHARGED
}
