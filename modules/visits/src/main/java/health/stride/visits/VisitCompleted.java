package health.stride.visits;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * The clinician signed the visit's note: the visit is completed and its minutes count. Published once
 * per visit, when the note is signed; the note itself is read through {@link VisitNotes}.
 */
public record VisitCompleted(TenantId tenant, VisitId visit, PatientId patient, UUID clinicianId, Instant startsAt,
		Instant endsAt, int minutes) implements ClinicEvent {}
