package health.stride.eligibility;

import java.util.UUID;

public record CoverageCheckId(UUID id) {

	@Override
	public String toString() {
		return id.toString();
	}
}
