package health.stride.programs;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.TenantId;

/** The patient looks ready for a harder plan, for the reason given; the therapist decides. */
public record ProgressionSuggested(TenantId tenant, PatientId patient, UUID suggestion, String reason, Instant at) {}
