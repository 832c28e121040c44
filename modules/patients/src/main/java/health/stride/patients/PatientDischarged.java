package health.stride.patients;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** The patient's therapist discharged them: the episode with this number ended. */
public record PatientDischarged(TenantId tenant, PatientId patient, int episode) implements ClinicEvent {}
