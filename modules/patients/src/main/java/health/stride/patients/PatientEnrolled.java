package health.stride.patients;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A patient record was opened: a covered member signed up (sponsor given) or a clinic added them. */
public record PatientEnrolled(TenantId tenant, PatientId patient, @Nullable UUID sponsor) implements ClinicEvent {}
