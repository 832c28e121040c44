package health.stride.patients;

import java.util.UUID;

import health.stride.platform.tenancy.TenantId;

/**
 * A clinician reviewed a red-flag report and cleared it with a note.
 *
 * @param anyOpen whether the patient still has another report that is not cleared
 */
public record RedFlagsCleared(TenantId tenant, PatientId patient, UUID report, boolean anyOpen) {}
