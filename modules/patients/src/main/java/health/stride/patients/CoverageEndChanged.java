package health.stride.patients;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * The end of a patient's sponsored cover changed (set, moved or cleared), or how the patient pays
 * changed while an end is known: what it means for their portal may be different. Read it through
 * {@link PatientDirectory#coverageEnd}.
 */
public record CoverageEndChanged(TenantId tenant, PatientId patient) implements ClinicEvent {}
