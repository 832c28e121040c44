package health.stride.visits;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A booked visit was moved to another time. */
public record VisitRescheduled(TenantId tenant, VisitId visit, PatientId patient, UUID clinicianId, Instant previousStartsAt, Instant startsAt, Instant endsAt)
		implements ClinicEvent {}
