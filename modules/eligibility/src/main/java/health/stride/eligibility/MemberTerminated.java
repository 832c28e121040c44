package health.stride.eligibility;

import java.util.UUID;

import health.stride.platform.tenancy.TenantId;

/**
 * A member's coverage ended because they were missing from their sponsor's new roster.
 *
 * @param member the member's record id in eligibility (not the sponsor's member id)
 */
public record MemberTerminated(TenantId tenant, SponsorId sponsor, UUID member) {}
