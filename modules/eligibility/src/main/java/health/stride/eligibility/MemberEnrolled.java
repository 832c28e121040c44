package health.stride.eligibility;

import java.util.UUID;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/**
 * A sponsor's member signed up. The patients module opens the patient record with the id chosen
 * here; the details are read through {@link Signups#enrollment(EnrollmentId)}.
 */
public record MemberEnrolled(TenantId tenant, EnrollmentId enrollment, UUID patientId, SponsorId sponsor) implements ClinicEvent {}
