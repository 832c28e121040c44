package health.stride.careteams;

import java.util.UUID;

public record ClinicianId(UUID id) {

	public static ClinicianId random() {
		return new ClinicianId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return id.toString();
	}
}
