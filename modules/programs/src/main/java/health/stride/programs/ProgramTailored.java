package health.stride.programs;

import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A therapist changed a patient's plan; {@code version} is the plan's new version. */
public record ProgramTailored(TenantId tenant, PatientId patient, UUID plan, long version) implements ClinicEvent {}
