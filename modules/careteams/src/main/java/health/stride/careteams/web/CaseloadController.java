package health.stride.careteams.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import health.stride.careteams.CaseloadReason;
import health.stride.careteams.Caseloads;
import health.stride.careteams.ClinicianManagement;
import health.stride.patients.PatientStatus;
import health.stride.platform.security.CurrentUser;

/**
 * The signed-in clinician's caseload, most urgent first, with why each patient is where they are:
 * the page a therapist works from, and the same list over the API.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
class CaseloadController {

	static final int PAGE_SIZE = 25;
	static final int MAX_PAGE_SIZE = 100;

	private final ClinicianManagement clinicians;
	private final Caseloads caseloads;

	CaseloadController(ClinicianManagement clinicians, Caseloads caseloads) {
		this.clinicians = clinicians;
		this.caseloads = caseloads;
	}

	record EntryJson(String patientId, String displayName, int priority, List<String> reasons, Instant lastActivityAt,
			int unreadMessages, @Nullable Integer lastPain, int sessionsThisWeek, @Nullable Integer plannedPerWeek) {

		static EntryJson of(Caseloads.Entry entry) {
			return new EntryJson(entry.patient().toString(), entry.displayName(), entry.priority(),
					entry.reasons().stream().map(CaseloadReason::code).toList(), entry.lastActivityAt(),
					entry.unreadMessages(), entry.lastPain(), entry.sessionsThisWeek(), entry.plannedPerWeek());
		}
	}

	record PageJson(List<EntryJson> content, long totalElements) {}

	/** A caseload line as the page shows it, with the last activity as an age ("3 days ago"). */
	record Row(Caseloads.Entry entry, String lastActivity) {}

	static String ago(Instant then, Instant now) {
		var hours = java.time.Duration.between(then, now).toHours();
		return hours < 1 ? "within the hour" : hours < 24 ? hours + (hours == 1 ? " hour ago" : " hours ago")
				: hours < 48 ? "yesterday" : hours / 24 + " days ago";
	}

	@GetMapping("/caseload")
	String caseload(@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, Model model) {

		var user = CurrentUser.require();
		var filter = new Caseloads.Filter(CaseloadReason.ofCode(String.valueOf(reason)).orElse(null),
				parseStatus(status), q);
		var shown = caseloads.of(user.username(), filter, Math.max(page, 0), PAGE_SIZE);

		model.addAttribute("clinician", clinicians.findByUsername(user.username()).orElse(null));
		var now = Instant.now();
		model.addAttribute("entries", shown.content().stream().map(it -> new Row(it, ago(it.lastActivityAt(), now))).toList());
		model.addAttribute("total", shown.totalElements());
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pages", (shown.totalElements() + PAGE_SIZE - 1) / PAGE_SIZE);
		model.addAttribute("counts", caseloads.counts(user.username()));
		model.addAttribute("reasons", CaseloadReason.values());
		model.addAttribute("statuses", PatientStatus.values());
		model.addAttribute("filter", filter);
		return "careteams/caseload";
	}

	@GetMapping("/api/caseload")
	@ResponseBody
	ResponseEntity<?> caseload(@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + PAGE_SIZE) int size) {

		var chosenReason = reason == null ? null : CaseloadReason.ofCode(reason).orElse(null);
		if (reason != null && chosenReason == null) {
			return badRequest("reason", "Use one of red-flag, pain-flare, unanswered-message, needs-plan, inactive, ready-to-progress.");
		}
		var chosenStatus = parseStatus(status);
		if (status != null && chosenStatus == null) {
			return badRequest("status", "Use one of ONBOARDING, ACTIVE, PAUSED, DISCHARGED.");
		}
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			return badRequest(page < 0 ? "page" : "size", "Pages start at 0 and hold 1 to " + MAX_PAGE_SIZE + " patients.");
		}

		var shown = caseloads.of(CurrentUser.require().username(), new Caseloads.Filter(chosenReason, chosenStatus, q),
				page, size);
		return ResponseEntity.ok(new PageJson(shown.content().stream().map(EntryJson::of).toList(),
				shown.totalElements()));
	}

	private static @Nullable PatientStatus parseStatus(@Nullable String status) {
		return java.util.Arrays.stream(PatientStatus.values()).filter(it -> it.name().equals(status)).findFirst()
				.orElse(null);
	}

	private static ResponseEntity<ProblemDetail> badRequest(String field, String message) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are missing or not valid.");
		problem.setProperty("errors", List.of(java.util.Map.of("field", field, "message", message)));
		return ResponseEntity.badRequest().body(problem);
	}
}
