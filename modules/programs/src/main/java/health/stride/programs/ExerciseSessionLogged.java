package health.stride.programs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.TenantId;

/** A patient logged an exercise session: how much of it they did and their pain before and after. */
public record ExerciseSessionLogged(TenantId tenant, PatientId patient, UUID session, Instant performedAt,
		int exercisesDone, int exercisesSkipped, int painBefore, int painAfter, @Nullable Integer walkingMinutes,
		boolean flare) {}
