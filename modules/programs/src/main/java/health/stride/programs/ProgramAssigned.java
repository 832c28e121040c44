package health.stride.programs;

import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A therapist gave a patient a plan (a new one, or a template in place of the old one). */
public record ProgramAssigned(TenantId tenant, PatientId patient, UUID plan, long version) implements ClinicEvent {}
