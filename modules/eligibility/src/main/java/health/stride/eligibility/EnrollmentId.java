package health.stride.eligibility;

import java.util.UUID;

public record EnrollmentId(UUID id) {

	@Override
	public String toString() {
		return id.toString();
	}
}
