package health.stride.programs;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A session or a walk ended in a pain flare ({@link ExerciseSession#isFlare}): pain 2 or more points
 * above where it started, or spreading further down the leg. The patient is told to scale back; the
 * care team is alerted. {@code session} is the id of the session or of the walk; the pain itself
 * stays in it, read through {@link Sessions} (or the walk log).
 */
public record PainFlareReported(TenantId tenant, PatientId patient, UUID session, Instant at) implements ClinicEvent {}
