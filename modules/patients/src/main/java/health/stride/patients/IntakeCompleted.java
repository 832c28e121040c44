package health.stride.patients;

import health.stride.platform.tenancy.TenantId;

/**
 * A patient finished their intake. Carries the facts a therapist's plan is tailored by, so programs
 * can warn about exercises that do not suit the patient without reading the intake itself.
 *
 * @param proneIntolerant lying on the stomach makes the pain worse
 * @param extensionIntolerant bending backward makes it worse, or the patient has spinal stenosis
 * @param flexionTriggered bending forward makes it worse
 * @param state the US state the patient lives in, for licensure
 */
public record IntakeCompleted(TenantId tenant, PatientId patient, boolean proneIntolerant,
		boolean extensionIntolerant, boolean flexionTriggered, int painNow, PainDuration duration, String state) {}
