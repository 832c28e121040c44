package health.stride.platform.tenancy;

/**
 * Something that happened in one clinic. A listener annotated {@link ClinicListener} runs as the
 * clinic of the event it receives.
 */
public interface ClinicEvent {

	TenantId tenant();
}
