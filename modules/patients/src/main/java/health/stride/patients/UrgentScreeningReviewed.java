package health.stride.patients;

import java.time.Instant;
import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinician reviewed an urgent screening with a note. Whether others stay open is read from
 * {@link Screenings#open(PatientId)} when the event is handled.
 */
public record UrgentScreeningReviewed(TenantId tenant, PatientId patient, UUID screening, Instant reviewedAt)
		implements ClinicEvent {}
