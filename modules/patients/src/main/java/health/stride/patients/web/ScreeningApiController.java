package health.stride.patients.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import health.stride.patients.Instrument;
import health.stride.patients.PatientDirectory;
import health.stride.patients.Screenings;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;

/**
 * The signed-in patient answers a mood questionnaire over the API. An urgent answer comes back with
 * {@code urgent: true} and the crisis lines to show at once; the care team is told by the event.
 * Each post is one questionnaire answered: the same answers sent twice are stored twice.
 */
@RestController
@PreAuthorize("hasRole('PATIENT')")
class ScreeningApiController {

	private final PatientDirectory directory;
	private final Screenings screenings;
	private final Problems problems;

	ScreeningApiController(PatientDirectory directory, Screenings screenings, Problems problems) {
		this.directory = directory;
		this.screenings = screenings;
		this.problems = problems;
	}

	/** Answers are whole numbers as JSON has them: the application's mapper refuses text, fractions and overflow. */
	record ScreeningRequest(@Nullable String instrument, @Nullable List<@Nullable Integer> answers) {

		@Override
		public String toString() {
			return "ScreeningRequest[...]"; // answers stay out of logs
		}
	}

	/**
	 * @param next the questionnaire to answer now (the PHQ-9 after a positive PHQ-2), if any
	 * @param help what to do at once, in the reader's language, when the answers are urgent
	 */
	record ScreeningJson(String screeningId, String instrument, int score, String severity, boolean urgent,
			@Nullable String next, @Nullable String help) {}

	@PostMapping("/api/me/screenings")
	ResponseEntity<?> answer(@RequestBody @Nullable ScreeningRequest request) {

		var patient = directory.findByUsername(CurrentUser.require().username());
		if (patient.isEmpty()) {
			return problems.notFound("patients.api.no-record");
		}
		var errors = new FieldErrors();
		var instrument = ScreeningInput.instrument(request == null ? null : request.instrument(), errors);
		var answers = ScreeningInput.answers(instrument, request == null ? null : request.answers(), errors);
		errors.throwIfAny();
		if (instrument == null || answers == null) {
			throw new IllegalStateException("Answers without problems were not read");
		}

		var screening = screenings.answer(patient.get().id(), instrument, answers);
		var next = screening.instrument() == Instrument.PHQ2
				&& screenings.due(patient.get().id()).contains(Instrument.PHQ9) ? Instrument.PHQ9.name() : null;
		return ResponseEntity.status(HttpStatus.CREATED).body(new ScreeningJson(screening.id().toString(),
				screening.instrument().name(), screening.score(), screening.severity().code(), screening.urgent(), next,
				screening.urgent() ? problems.text("patients.crisis.api") : null));
	}
}
