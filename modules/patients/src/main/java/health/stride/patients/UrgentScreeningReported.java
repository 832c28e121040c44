package health.stride.patients;

import java.time.Instant;
import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A patient's answers to a mood questionnaire need the care team at once. The event is stored
 * outside row-level security, so it names neither the questionnaire, the item nor the score: a
 * listener asks {@link Screenings#open(PatientId)} whether the screening is still open.
 */
public record UrgentScreeningReported(TenantId tenant, PatientId patient, UUID screening, Instant answeredAt)
		implements ClinicEvent {}
