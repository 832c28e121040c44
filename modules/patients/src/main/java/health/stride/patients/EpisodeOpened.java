package health.stride.patients;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A discharged patient came back: the episode with this number opened (never published for
 * episode 1, which opens with the record).
 */
public record EpisodeOpened(TenantId tenant, PatientId patient, int episode) implements ClinicEvent {}
