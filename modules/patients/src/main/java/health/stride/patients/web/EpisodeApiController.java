package health.stride.patients.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import health.stride.patients.DischargeReason;
import health.stride.patients.Episode;
import health.stride.patients.Episodes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.CurrentUser;

/**
 * Episodes of care over the API: the patient's therapist discharges and reactivates; whoever may
 * read the record reads its episodes.
 */
@RestController
class EpisodeApiController {

	private final Episodes episodes;
	private final PatientDirectory directory;
	private final Problems problems;

	EpisodeApiController(Episodes episodes, PatientDirectory directory, Problems problems) {
		this.episodes = episodes;
		this.directory = directory;
		this.problems = problems;
	}

	/** The reason arrives as its code; an unknown one is refused like a missing one, as a field error. */
	record DischargeRequest(@Nullable String reason, @Nullable String summary) {

		@Nullable DischargeReason reasonCode() {
			return java.util.Arrays.stream(DischargeReason.values()).filter(it -> it.name().equals(reason)).findFirst()
					.orElse(null);
		}
	}

	record EpisodeJson(String patientId, int number, Instant openedAt, @Nullable Instant closedAt,
			@Nullable String reason, @Nullable String summary, @Nullable String dischargedBy) {

		static EpisodeJson of(Episode episode) {
			return new EpisodeJson(episode.patient().toString(), episode.number(), episode.openedAt(),
					episode.closedAt(), episode.reason() == null ? null : episode.reason().name(), episode.summary(),
					episode.dischargedBy());
		}
	}

	@PostMapping("/api/patients/{patientId}/discharge")
	@PreAuthorize("hasRole('THERAPIST')")
	ResponseEntity<?> discharge(@PathVariable UUID patientId, @RequestBody DischargeRequest request) {
		var discharge = Episodes.Discharge.of(request.reasonCode(), request.summary());
		try {
			return ResponseEntity.ok(EpisodeJson.of(
					episodes.discharge(new PatientId(patientId), discharge, CurrentUser.require())));
		} catch (Episodes.NoSuchPatient unknown) {
			return problems.notFound("patients.api.no-such-patient");
		} catch (Episodes.AlreadyDischarged already) {
			return problems.of(HttpStatus.CONFLICT, "patients.discharge.already");
		}
	}

	@PostMapping("/api/patients/{patientId}/reactivation")
	@PreAuthorize("hasRole('THERAPIST')")
	ResponseEntity<?> reactivate(@PathVariable UUID patientId) {
		try {
			return ResponseEntity.ok(EpisodeJson.of(episodes.reactivate(new PatientId(patientId), CurrentUser.require())));
		} catch (Episodes.NoSuchPatient unknown) {
			return problems.notFound("patients.api.no-such-patient");
		} catch (Episodes.NotDischarged open) {
			return problems.of(HttpStatus.CONFLICT, "patients.reactivation.open");
		}
	}

	@GetMapping("/api/patients/{patientId}/episodes")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	ResponseEntity<?> episodes(@PathVariable UUID patientId) {
		var id = new PatientId(patientId);
		return directory.open(id, CurrentUser.require())
				.<ResponseEntity<?>> map(record -> ResponseEntity.ok(episodeList(id)))
				.orElseGet(() -> problems.notFound("patients.api.no-such-patient"));
	}

	private List<EpisodeJson> episodeList(PatientId id) {
		return episodes.episodes(id).stream().map(EpisodeJson::of).toList();
	}
}
