package health.stride.programs.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.programs.PainLight;
import health.stride.programs.Sessions;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;

/**
 * Sessions over the API: the patient logs one (a retry with the same idempotency key gets the first
 * back), the patient and their care team read them.
 */
@RestController
class SessionApiController {

	private final Sessions sessions;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final AuditTrail audit;
	private final MessageSource messages;

	SessionApiController(Sessions sessions, PatientDirectory patients, CareTeams careTeams, AuditTrail audit,
			MessageSource messages) {
		this.sessions = sessions;
		this.patients = patients;
		this.careTeams = careTeams;
		this.audit = audit;
		this.messages = messages;
	}

	record Logged(String sessionId, Instant performedAt, boolean flare, String painLight, @Nullable String guidance) {}

	@PostMapping("/api/me/sessions")
	@PreAuthorize("hasRole('PATIENT')")
	ResponseEntity<?> log(@RequestBody Sessions.Input input) {

		var me = patients.findByUsername(CurrentUser.require().username());
		if (me.isEmpty()) {
			return problem(HttpStatus.NOT_FOUND, "programs.session.api.no-patient");
		}
		// fields that are not valid (InvalidInput) are answered by the API's problem-details advice
		try {
			var logged = sessions.log(me.get().id(), input);
			var session = logged.session();
			var body = new Logged(session.id().toString(), session.performedAt(), session.flare(),
					PainLight.of(session.painAfter()).name(), session.flare() ? text(SessionGuidance.SCALE_BACK) : null);
			return ResponseEntity.status(logged.created() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
		} catch (Sessions.NoPlan noPlan) {
			return problem(HttpStatus.NOT_FOUND, "programs.session.api.no-plan");
		} catch (Sessions.OnHold onHold) {
			return problem(HttpStatus.CONFLICT, "programs.session.api.on-hold");
		}
	}

	record SessionJson(String sessionId, Instant performedAt, int painBefore, int painAfter, String symptomShift) {}

	record Page(List<SessionJson> content, long totalElements) {}

	@GetMapping("/api/patients/{patientId}/sessions")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH')")
	ResponseEntity<?> list(@PathVariable UUID patientId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {

		if (page < 0 || size < 1 || size > 100) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, text("programs.session.api.invalid"));
			problem.setProperty("errors", List.of(Map.of("field", page < 0 ? "page" : "size",
					"message", text("programs.session.api.page-size"))));
			return ResponseEntity.badRequest().body(problem);
		}
		var patient = new PatientId(patientId);
		if (!mayRead(patient)) {
			audit.record(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, patientId, "sessions");
			return problem(HttpStatus.NOT_FOUND, "programs.session.api.no-such-patient");
		}
		audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "sessions");
		var content = sessions.timeline(patient, page, size).stream().map(it -> new SessionJson(it.id().toString(),
				it.performedAt(), it.painBefore(), it.painAfter(), it.symptomShift().name())).toList();
		return ResponseEntity.ok(new Page(content, sessions.count(patient)));
	}

	private boolean mayRead(PatientId patient) {
		var user = CurrentUser.require();
		if (user.has(Role.PATIENT)) {
			return patients.findByUsername(user.username()).filter(it -> it.id().equals(patient)).isPresent();
		}
		return careTeams.isOnCareTeam(patient, user.username());
	}

	/** A problem whose detail is the message of a code, in the reader's language. */
	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String code) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, text(code)));
	}

	private String text(String code) {
		return messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}
}
