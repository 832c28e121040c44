package health.stride.visits;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A visit was booked. */
public record VisitBooked(TenantId tenant, VisitId visit, PatientId patient, UUID clinicianId, Instant startsAt, Instant endsAt)
		implements ClinicEvent {}
