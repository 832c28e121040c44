package health.stride.patients;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A patient's care team of record was set or changed (the clinicians' ids in the care teams
 * module). No therapist means the patient's therapist left the clinic and they wait for another.
 *
 * @param previousTherapist the therapist before, none when this is the patient's first care team
 * @param previousCoach the coach before, if there was one
 * @param assignedAt when the change was recorded: with the patient, it names this change
 */
public record CareTeamAssigned(TenantId tenant, PatientId patient, @Nullable UUID therapist, @Nullable UUID coach,
		@Nullable UUID previousTherapist, @Nullable UUID previousCoach, Instant assignedAt) implements ClinicEvent {

	/** Whether the patient had a care team before, so this changed it rather than formed it. */
	public boolean isChange() {
		return previousTherapist != null || previousCoach != null;
	}
}
