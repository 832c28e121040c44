package health.stride.visits;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A visit took place: its clinician marked it held (until the video room tells it by itself), so it
 * is not marked missed.
 */
public record VisitHeld(TenantId tenant, VisitId visit, PatientId patient, UUID clinicianId, Instant startsAt)
		implements ClinicEvent {}
