package health.stride.eligibility;

import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A member who signed up and whose cover was ending or had ended is covered again with no end: the
 * roster lists them again, or no longer names an end.
 */
public record MemberReinstated(TenantId tenant, SponsorId sponsor, EnrollmentId enrollment, UUID patientId)
		implements ClinicEvent {}
