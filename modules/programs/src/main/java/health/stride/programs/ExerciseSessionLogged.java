package health.stride.programs;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A patient logged an exercise session. How much they did and their pain are read through
 * {@link Sessions}: the event is stored outside row-level security and carries no clinical value.
 */
public record ExerciseSessionLogged(TenantId tenant, PatientId patient, UUID session, Instant performedAt) implements ClinicEvent {}
