package health.stride.visits;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import health.stride.patients.PatientId;

/**
 * A visit's note as its clinician wrote it (SOAP: subjective, objective, assessment, plan) with the
 * minutes the visit took. Until it is signed it is a draft its clinician may change; once signed it
 * never changes, and what is added later is an {@link Addendum}. A note not yet stored has version 0.
 */
public record VisitNote(VisitId visit, PatientId patient, UUID clinicianId, Sections sections, @Nullable Integer minutes,
		@Nullable String draftedBy, @Nullable Instant draftedAt, @Nullable String signedBy, @Nullable Instant signedAt,
		long version, List<Addendum> addenda) {

	/** The four parts of the note; empty while a draft lacks them. */
	public record Sections(String subjective, String objective, String assessment, String plan) {

		public static Sections empty() {
			return new Sections("", "", "", "");
		}
	}

	/** Text added to a signed note, signed as it was written. */
	public record Addendum(UUID id, String body, String signedBy, Instant signedAt) {}

	public boolean signed() {
		return signedAt != null;
	}
}
