package health.stride.eligibility;

import java.util.UUID;

public record RosterImportId(UUID id) {

	@Override
	public String toString() {
		return id.toString();
	}
}
