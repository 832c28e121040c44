package health.stride.patients;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.tenancy.TenantId;

/**
 * A patient's care team of record was set or changed (the clinicians' ids in the care teams
 * module). No therapist means the patient's therapist left the clinic and they wait for another.
 */
public record CareTeamAssigned(TenantId tenant, PatientId patient, @Nullable UUID therapist, @Nullable UUID coach) {}
