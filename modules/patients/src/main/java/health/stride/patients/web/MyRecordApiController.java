package health.stride.patients.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import health.stride.patients.Coded;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.IntakeDraft;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlags;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;

/**
 * The signed-in patient's own onboarding over the API: consents, the intake in one body, and
 * red-flag symptoms reported at any time.
 */
@RestController
@PreAuthorize("hasRole('PATIENT')")
class MyRecordApiController {

	private final PatientDirectory directory;
	private final Consents consents;
	private final Intakes intakes;
	private final RedFlags redFlags;
	private final Problems problems;

	MyRecordApiController(PatientDirectory directory, Consents consents, Intakes intakes, RedFlags redFlags,
			Problems problems) {
		this.problems = problems;
		this.directory = directory;
		this.consents = consents;
		this.intakes = intakes;
		this.redFlags = redFlags;
	}

	record ConsentJson(String document, String title, String version, @Nullable Instant acceptedAt) {}

	record ConsentsJson(List<ConsentJson> outstanding, List<ConsentJson> given) {}

	record ConsentRequest(@Nullable String document, @Nullable String version) {}

	@GetMapping("/api/me/consents")
	ResponseEntity<?> consents() {
		return asPatient(patient -> ResponseEntity.ok(new ConsentsJson(
				consents.outstanding(patient).stream()
						.map(it -> new ConsentJson(it.name(), problems.heading(it), consents.currentVersion(it), null)).toList(),
				consents.given(patient).stream().map(it -> new ConsentJson(it.document().name(),
						problems.heading(it.document()), it.version(), it.acceptedAt())).toList())));
	}

	@PostMapping("/api/me/consents")
	ResponseEntity<?> consent(@RequestBody ConsentRequest request) {
		return asPatient(patient -> {
			var errors = new FieldErrors();
			var document = Optional.ofNullable(request.document()).flatMap(ConsentDocument::parse);
			if (document.isEmpty()) {
				errors.reject("document", "patients.api.document.required");
			}
			if (request.version() == null || request.version().isBlank()) {
				errors.reject("version", "patients.api.version.required");
			}
			errors.throwIfAny();
			try {
				consents.accept(patient, document.orElseThrow(), request.version().strip());
				return ResponseEntity.noContent().build();
			} catch (Consents.OutdatedVersion outdated) {
				return problems.of(HttpStatus.CONFLICT, "patients.consents.outdated", problems.title(outdated.document()));
			}
		});
	}

	record PsfsJson(@Nullable String activity, @Nullable Integer score) {}

	record IntakeRequest(@Nullable List<String> painRegions, @Nullable Integer painNow, @Nullable String painDuration,
			@Nullable List<String> worseWith, @Nullable List<String> diagnoses, @Nullable String goals,
			@Nullable List<PsfsJson> psfs, @Nullable Map<String, @Nullable Boolean> redFlags) {

		@Override
		public String toString() {
			return "IntakeRequest[...]"; // health information stays out of logs
		}
	}

	record IntakeJson(boolean completed, int nextStep, List<String> painRegions, @Nullable Integer painNow,
			@Nullable String painDuration, List<String> worseWith, List<String> diagnoses, @Nullable String goals,
			List<PsfsItem> psfs, List<String> redFlags) {

		static IntakeJson of(IntakeDraft draft) {
			return new IntakeJson(draft.completed(), draft.nextStep(), codes(draft.painRegions()), draft.painNow(),
					draft.painDuration() == null ? null : draft.painDuration().code(), codes(draft.worseWith()),
					codes(draft.diagnoses()), draft.goals(), draft.psfs(), codes(draft.redFlags()));
		}

		private static List<String> codes(java.util.Collection<? extends Coded> values) {
			return values.stream().map(Coded::code).sorted(Comparator.naturalOrder()).toList();
		}
	}

	@GetMapping("/api/me/intake")
	ResponseEntity<?> intake() {
		return asPatient(patient -> ResponseEntity.ok(IntakeJson.of(intakes.draft(patient))));
	}

	@PostMapping("/api/me/intake")
	ResponseEntity<?> submitIntake(@RequestBody IntakeRequest request) {
		return asPatient(patient -> {
			try {
				var answers = IntakeInput.answers(request.painRegions(), request.painNow(), request.painDuration(),
						request.worseWith(), request.diagnoses(), request.goals(),
						request.psfs() == null ? null
								: request.psfs().stream().map(it -> it == null ? null
										: new IntakeInput.Psfs(it.activity(), it.score())).toList(),
						request.redFlags());
				return ResponseEntity.status(HttpStatus.CREATED).body(IntakeJson.of(intakes.submit(patient, answers)));
			} catch (Consents.Required required) {
				return problems.consentRequired(required.outstanding());
			} catch (Intakes.AlreadyCompleted completed) {
				return problems.of(HttpStatus.CONFLICT, "patients.intake.completed");
			}
		});
	}

	record GuidanceJson(String symptom, String urgency) {}

	record RedFlagReportJson(String reportId, boolean emergency, List<GuidanceJson> symptoms) {}

	@PostMapping("/api/me/red-flags")
	ResponseEntity<?> reportRedFlags(@RequestBody @Nullable Map<String, @Nullable Boolean> answers) {
		return asPatient(patient -> {
			var errors = new FieldErrors();
			var screen = IntakeInput.screen(answers, false, errors);
			if (screen != null && screen.yes().isEmpty()) {
				errors.reject("redFlags", "patients.symptom.api.none");
			}
			errors.throwIfAny();
			if (screen == null) {
				throw new IllegalStateException("A screen without problems was not read");
			}
			var report = redFlags.report(patient, screen.yes(), RedFlags.Source.REPORT);
			return ResponseEntity.status(HttpStatus.CREATED).body(new RedFlagReportJson(report.id().toString(),
					report.emergency(), report.symptoms().stream().sorted()
							.map(it -> new GuidanceJson(it.code(), it.urgency().name())).toList()));
		});
	}

	private ResponseEntity<?> asPatient(Function<PatientId, ResponseEntity<?>> work) {
		return directory.findByUsername(CurrentUser.require().username())
				.<ResponseEntity<?>> map(patient -> work.apply(patient.id()))
				.orElseGet(() -> problems.notFound("patients.api.no-record"));
	}
}
