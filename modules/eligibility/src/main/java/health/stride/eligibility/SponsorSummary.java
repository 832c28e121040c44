package health.stride.eligibility;

import org.jspecify.annotations.Nullable;

public record SponsorSummary(SponsorId id, SponsorCode code, String name, SponsorKind kind,
		@Nullable String contactName, @Nullable String contactEmail, boolean active) {}
