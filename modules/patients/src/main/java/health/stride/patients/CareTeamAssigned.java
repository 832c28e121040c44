package health.stride.patients;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.tenancy.TenantId;

/** A patient's care team of record was set or changed (the clinicians' ids in the care teams module). */
public record CareTeamAssigned(TenantId tenant, PatientId patient, UUID therapist, @Nullable UUID coach) {}
