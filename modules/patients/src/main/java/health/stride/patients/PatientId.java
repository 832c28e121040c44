package health.stride.patients;

import java.util.UUID;

public record PatientId(UUID id) {

	@Override
	public String toString() {
		return id.toString();
	}
}
