package health.stride.programs;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A session ended in a pain flare: pain 2 or more points above where it started, or spreading
 * further down the leg. The patient is told to scale back; the care team is alerted. The pain
 * itself stays in the session, read through {@link Sessions}.
 */
public record PainFlareReported(TenantId tenant, PatientId patient, UUID session, Instant at) implements ClinicEvent {}
