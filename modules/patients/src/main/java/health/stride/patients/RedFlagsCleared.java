package health.stride.patients;

import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinician reviewed a red-flag report and cleared it with a note. Whether others stay open is
 * read from {@link RedFlags#open(PatientId)} when the event is handled, so a late delivery sees
 * the reports of that moment.
 */
public record RedFlagsCleared(TenantId tenant, PatientId patient, UUID report) implements ClinicEvent {}
