package health.stride.eligibility;

import java.time.LocalDate;
import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * The sponsor's cover of a member who signed up ends: {@code endsOn} is the last day covered, in the
 * future when the roster names the end ahead, the day of the import when the member went missing from
 * it. Published again when the end moves. Listeners read the end now in force through
 * {@link CoverageEnds}, so events that arrive late or twice change nothing.
 */
public record CoverageEnding(TenantId tenant, SponsorId sponsor, EnrollmentId enrollment, UUID patientId,
		LocalDate endsOn) implements ClinicEvent {}
