package health.stride.platform.tenancy;

/** A clinic was registered: modules that give every clinic something to start with listen. */
public record ClinicRegistered(TenantId tenant) implements ClinicEvent {}
