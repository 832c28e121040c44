package health.stride.patients;

import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A patient answered "yes" to a red-flag symptom, at intake or later. Their exercise plan pauses and
 * they go to the top of their care team's queue until a clinician clears the report. Which symptoms,
 * and whether one calls for an emergency department, is read from {@link RedFlags#open(PatientId)}:
 * the event is stored outside row-level security and carries no clinical value.
 */
public record RedFlagsReported(TenantId tenant, PatientId patient, UUID report) implements ClinicEvent {}
