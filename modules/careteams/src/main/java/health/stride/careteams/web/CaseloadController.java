package health.stride.careteams.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.internal.CaseloadReason;
import health.stride.careteams.internal.Caseloads;
import health.stride.patients.PatientStatus;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;

/**
 * The signed-in clinician's caseload, most urgent first, with why each patient is where they are:
 * the page a therapist works from, and the same list over the API.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
class CaseloadController {

	static final int PAGE_SIZE = 25;
	static final int MAX_PAGE_SIZE = 100;

	/** The session attribute holding the name the caseload page is searched by. */
	static final String NAME_SEARCHED = CaseloadController.class.getName() + ".name";

	/** Longer than any name; a longer term is cut rather than kept whole in the session. */
	static final int MAX_NAME = 200;

	private final ClinicianManagement clinicians;
	private final Caseloads caseloads;
	private final AuditTrail audit;
	private final MessageSource messages;

	CaseloadController(ClinicianManagement clinicians, Caseloads caseloads, AuditTrail audit, MessageSource messages) {
		this.messages = messages;
		this.clinicians = clinicians;
		this.caseloads = caseloads;
		this.audit = audit;
	}

	record EntryJson(String patientId, String displayName, int priority, List<String> reasons, Instant lastActivityAt,
			int unreadMessages, @Nullable Integer lastPain, int sessionsThisWeek, @Nullable Integer plannedPerWeek,
			java.time.@Nullable LocalDate coverageEndsOn) {

		static EntryJson of(Caseloads.Entry entry) {
			return new EntryJson(entry.patient().toString(), entry.displayName(), entry.priority(),
					entry.reasons().stream().map(CaseloadReason::code).toList(), entry.lastActivityAt(),
					entry.unreadMessages(), entry.lastPain(), entry.sessionsThisWeek(), entry.plannedPerWeek(),
					entry.coverageEndsOn());
		}
	}

	record PageJson(List<EntryJson> content, long totalElements) {}

	/**
	 * A caseload line as the page shows it, with the last activity as an age ("3 days ago") and the end
	 * of a sponsored cover in words.
	 */
	record Row(Caseloads.Entry entry, String lastActivity, @Nullable String coverage) {

		static @Nullable String coverage(Caseloads.Entry entry, MessageSource messages, java.util.Locale locale) {
			var endsOn = entry.coverageEndsOn();
			var stage = entry.coverageStage();
			return endsOn == null || stage == null ? null
					: messages.getMessage("careteams.coverage." + stage.name(), new Object[] {
							java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
									.withLocale(locale).format(endsOn) }, locale);
		}
	}

	static org.springframework.context.MessageSourceResolvable ago(Instant then, Instant now) {
		var hours = java.time.Duration.between(then, now).toHours();
		var code = hours < 1 ? "within-the-hour" : hours < 24 ? "hours" : hours < 48 ? "yesterday" : "days";
		return new org.springframework.context.support.DefaultMessageSourceResolvable(
				new String[] { "careteams.caseload.ago." + code }, new Object[] { hours < 24 ? hours : hours / 24 });
	}

	/**
	 * The caseload page. The name searched for is not a parameter here: a patient's name must not
	 * travel in a URL (browser history, proxy and server logs), so it is posted to
	 * {@code /caseload/search} and kept in the session, where paging and refreshing find it.
	 */
	@GetMapping("/caseload")
	String caseload(@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") int page,
			HttpSession session, Model model) {

		var user = CurrentUser.require();
		var name = session.getAttribute(NAME_SEARCHED) instanceof String searched ? searched : null;
		var filter = new Caseloads.Filter(CaseloadReason.ofCode(String.valueOf(reason)).orElse(null),
				parseStatus(status), name);
		var shown = caseloads.of(user.username(), filter, Math.max(page, 0), PAGE_SIZE);
		audit.recordListView("caseload", patientsOf(shown));

		model.addAttribute("clinician", clinicians.findByUsername(user.username()).orElse(null));
		var now = Instant.now();
		var locale = LocaleContextHolder.getLocale();
		model.addAttribute("entries", shown.content().stream()
				.map(it -> new Row(it, messages.getMessage(ago(it.lastActivityAt(), now), locale),
						Row.coverage(it, messages, locale))).toList());
		model.addAttribute("total", shown.totalElements());
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pages", (shown.totalElements() + PAGE_SIZE - 1) / PAGE_SIZE);
		model.addAttribute("counts", caseloads.counts(user.username()));
		model.addAttribute("reasons", CaseloadReason.values());
		model.addAttribute("statuses", PatientStatus.values());
		model.addAttribute("filter", filter);
		return "careteams/caseload";
	}

	/** Keeps the name searched for in the session (none clears it) and shows the first page that matches. */
	@PostMapping("/caseload/search")
	String search(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String status, HttpSession session, RedirectAttributes redirect) {

		// control characters cannot be part of a name, and a NUL would reach PostgreSQL
		var name = q == null ? "" : q.codePoints().filter(it -> !Character.isISOControl(it))
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
		if (name.isEmpty()) {
			session.removeAttribute(NAME_SEARCHED);
		} else {
			session.setAttribute(NAME_SEARCHED, name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
		}
		CaseloadReason.ofCode(String.valueOf(reason)).ifPresent(it -> redirect.addAttribute("reason", it.code()));
		var chosenStatus = parseStatus(status);
		if (chosenStatus != null) {
			redirect.addAttribute("status", chosenStatus.name());
		}
		return "redirect:/caseload";
	}

	private static List<java.util.UUID> patientsOf(Caseloads.Page shown) {
		return shown.content().stream().map(it -> it.patient().id()).toList();
	}

	/** The caseload over the API; a search by name is posted to {@code /api/caseload/search} instead. */
	@GetMapping("/api/caseload")
	@ResponseBody
	ResponseEntity<?> caseload(@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + PAGE_SIZE) int size) {

		if (q != null) {
			reject("q", "careteams.caseload.api.name-in-url");
		}
		return answer(reason, status, null, page, size);
	}

	/** A search of the caseload, with the name in the body, where URLs, logs and histories do not keep it. */
	record Search(@Nullable String name, @Nullable String reason, @Nullable String status, @Nullable Integer page,
			@Nullable Integer size) {}

	@PostMapping("/api/caseload/search")
	@ResponseBody
	ResponseEntity<?> search(@RequestBody Search search) {

		var name = search.name() == null ? null : search.name().strip();
		if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
			reject("name", "careteams.caseload.api.name", MAX_NAME);
		}
		return answer(search.reason(), search.status(), name, search.page() == null ? 0 : search.page(),
				search.size() == null ? PAGE_SIZE : search.size());
	}

	private ResponseEntity<?> answer(@Nullable String reason, @Nullable String status, @Nullable String name, int page,
			int size) {

		var chosenReason = reason == null ? null : CaseloadReason.ofCode(reason).orElse(null);
		if (reason != null && chosenReason == null) {
			reject("reason", "careteams.caseload.api.reason");
		}
		var chosenStatus = parseStatus(status);
		if (status != null && chosenStatus == null) {
			reject("status", "careteams.caseload.api.status");
		}
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			reject(page < 0 ? "page" : "size", "careteams.caseload.api.page", MAX_PAGE_SIZE);
		}

		var shown = caseloads.of(CurrentUser.require().username(), new Caseloads.Filter(chosenReason, chosenStatus, name),
				page, size);
		audit.recordListView("caseload", patientsOf(shown));
		return ResponseEntity.ok(new PageJson(shown.content().stream().map(EntryJson::of).toList(),
				shown.totalElements()));
	}

	private static @Nullable PatientStatus parseStatus(@Nullable String status) {
		return java.util.Arrays.stream(PatientStatus.values()).filter(it -> it.name().equals(status)).findFirst()
				.orElse(null);
	}

	/** Refuses the request: the API's advice answers with the field's problem in the reader's language. */
	private static void reject(String field, String code, Object... arguments) {
		new FieldErrors().reject(field, code, arguments).throwIfAny();
	}
}
