package health.stride.visits;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** Nobody started the visit within 15 minutes of its start. */
public record VisitMissed(TenantId tenant, VisitId visit, PatientId patient, UUID clinicianId, Instant startsAt)
		implements ClinicEvent {}
