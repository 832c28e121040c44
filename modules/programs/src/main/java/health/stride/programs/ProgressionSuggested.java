package health.stride.programs;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * The patient looks ready for a harder plan; the therapist decides. The reason, which names the
 * patient's pain and sessions, is read through {@link Progressions#open(PatientId)}.
 */
public record ProgressionSuggested(TenantId tenant, PatientId patient, UUID suggestion, Instant at) implements ClinicEvent {}
