package health.stride.visits;

import java.util.UUID;

/** A visit's id. */
public record VisitId(UUID id) {

	public static VisitId random() {
		return new VisitId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return id.toString();
	}
}
