package health.stride.patients;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A patient's status changed (onboarding, active, paused, discharged). */
public record PatientStatusChanged(TenantId tenant, PatientId patient, PatientStatus from, PatientStatus to) implements ClinicEvent {}
