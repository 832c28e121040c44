package health.stride.visits;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A visit was cancelled, by the patient within the notice period ({@link Timing#LATE}) or not. */
public record VisitCancelled(TenantId tenant, VisitId visit, PatientId patient, UUID clinicianId, Instant startsAt,
		Timing timing) implements ClinicEvent {

	public enum Timing {
		IN_TIME, LATE
	}
}
