package health.stride.eligibility;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** Someone was found on a sponsor's roster and may now sign up with the check's id. */
public record CoverageConfirmed(TenantId tenant, SponsorId sponsor, CoverageCheckId check) implements ClinicEvent {}
