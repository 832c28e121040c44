package health.stride.eligibility;

import java.util.UUID;

public record SponsorId(UUID id) {

	@Override
	public String toString() {
		return id.toString();
	}
}
