package health.stride.eligibility;

import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * The coverage of a member who signed up ended, because they were missing from their sponsor's
 * new roster. Members who never signed up are not announced: no other module knows them.
 */
public record MemberTerminated(TenantId tenant, SponsorId sponsor, EnrollmentId enrollment, UUID patientId) implements ClinicEvent {}
