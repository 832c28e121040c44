package health.stride.messaging;

import java.time.Instant;
import java.util.UUID;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.ClinicEvent;
import health.stride.platform.tenancy.TenantId;

/** A message was posted in a patient's thread, by the patient, a clinician or the system. */
public record MessageSent(TenantId tenant, PatientId patient, UUID thread, UUID message, SenderRole senderRole,
		Instant sentAt) implements ClinicEvent {}
