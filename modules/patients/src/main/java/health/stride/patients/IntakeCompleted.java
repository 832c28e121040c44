package health.stride.patients;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A patient finished their intake. The answers stay in the patients module: a listener that needs
 * them (the tailoring facts, the pain at intake) reads {@link Intakes#factsOf(PatientId)}, since
 * the event is stored outside row-level security and carries no clinical value.
 */
public record IntakeCompleted(TenantId tenant, PatientId patient) implements ClinicEvent {}
