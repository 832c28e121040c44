package health.stride.messaging.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import health.stride.messaging.SenderRole;
import health.stride.messaging.Threads;
import health.stride.messaging.internal.QuickReplies;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PortalAccess;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.validation.InvalidInput;

/**
 * The messaging pages: the patient's thread with their care team, the clinician's inbox (urgent
 * and unanswered first) and a thread. Open pages ask every second for what is new (htmx polling,
 * see docs/decisions/0008) and add it without reloading; what a reader is shown counts as read.
 */
@Controller
class MessagePagesController {

	/** Clinicians have no time zone of record: their pages show UTC, turned into the browser's own by local-time.js. */
	static final ZoneId UTC = ZoneId.of("UTC");

	/** The session attribute holding the patients of the last inbox view written to the audit trail. */
	static final String INBOX_AUDITED = MessagePagesController.class.getName() + ".inboxAudited";

	private final Threads threads;
	private final PatientDirectory patients;
	private final QuickReplies quickReplies;
	private final AuditTrail audit;
	private final MessageSource messages;

	MessagePagesController(Threads threads, PatientDirectory patients, QuickReplies quickReplies, AuditTrail audit,
			MessageSource messages) {
		this.messages = messages;
		this.threads = threads;
		this.patients = patients;
		this.quickReplies = quickReplies;
		this.audit = audit;
	}

	/** A message as the page shows it: the sender, the time in the reader's zone, the safe HTML. */
	record Shown(long seq, String sender, boolean mine, boolean system, String when, String at, String html,
			String readBy) {}

	@GetMapping("/portal/messages")
	@PreAuthorize("hasRole('PATIENT')")
	String patientThread(Model model) {
		var me = patients.findByUsername(CurrentUser.require().username())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No patient record."));
		var thread = threads.open(me.id());
		return thread(model, thread, ZoneId.of(me.timeZone()), null, null, "/portal/messages");
	}

	@PostMapping("/portal/messages")
	@PreAuthorize("hasRole('PATIENT')")
	String patientPost(@RequestParam(defaultValue = "") String body, Model model) {
		var me = patients.findByUsername(CurrentUser.require().username())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No patient record."));
		var thread = threads.open(me.id());
		try {
			threads.post(thread, CurrentUser.require(), body);
			return "redirect:/portal/messages";
		} catch (InvalidInput invalid) {
			return thread(model, thread, ZoneId.of(me.timeZone()), body, problem(invalid), "/portal/messages");
		} catch (PortalAccess.ReadOnly readOnly) {
			return "redirect:/portal/messages"; // the page says why the patient cannot write
		}
	}

	@GetMapping("/messages")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
	String inbox(@RequestHeader(name = "HX-Request", required = false) @Nullable String polled, HttpSession session,
			Model model) {
		var zone = UTC;
		var inbox = threads.of(CurrentUser.require());
		auditInbox(inbox.stream().map(it -> it.patient().id()).toList(), polled != null, session);
		model.addAttribute("threads", inbox.stream().map(it -> new Inboxed(it.id(),
				it.patientName(), it.urgent(), it.unanswered(), it.unread(),
				it.lastMessageAt() == null ? null : when().format(it.lastMessageAt().atZone(zone)) + " UTC",
				it.lastMessageAt() == null ? null : it.lastMessageAt().toString())).toList());
		return "messaging/inbox";
	}

	/**
	 * Every inbox view is audited, naming the patients listed, except the open page's polls (every
	 * second) that list exactly the patients of the session's last audited inbox view: they show
	 * nobody new, and recording them would write 3,600 entries an hour per open inbox.
	 */
	private void auditInbox(List<UUID> shown, boolean polled, HttpSession session) {
		var patients = java.util.Set.copyOf(shown);
		if (polled && patients.equals(session.getAttribute(INBOX_AUDITED))) {
			return;
		}
		audit.recordListView("inbox", shown);
		session.setAttribute(INBOX_AUDITED, new java.util.HashSet<>(patients));
	}

	record Inboxed(UUID id, String patientName, boolean urgent, boolean unanswered, long unread, @Nullable String when,
			@Nullable String at) {}

	@GetMapping("/messages/{threadId}")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
	String clinicianThread(@PathVariable UUID threadId, @RequestParam(required = false) @Nullable UUID reply,
			Model model) {
		var draft = reply == null ? null : quickReplies.find(reply).map(QuickReplies.QuickReply::body).orElse(null);
		return thread(model, threadId, UTC, draft, null, "/messages/" + threadId);
	}

	@PostMapping("/messages/{threadId}")
	@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
	String clinicianPost(@PathVariable UUID threadId, @RequestParam(defaultValue = "") String body, Model model) {
		try {
			threads.post(threadId, CurrentUser.require(), body);
			return "redirect:/messages/" + threadId;
		} catch (Threads.NotFound notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such thread.");
		} catch (InvalidInput invalid) {
			return thread(model, threadId, UTC, body, problem(invalid), "/messages/" + threadId);
		}
	}

	/** What is new in the thread after the given message, for the open page; nothing new is a 204. */
	@GetMapping({ "/portal/messages/since", "/messages/{threadId}/since" })
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH')")
	Object since(@PathVariable(required = false) @Nullable UUID threadId, @RequestParam long after, Model model) {
		var user = CurrentUser.require();
		ZoneId zone = UTC;
		UUID thread;
		if (user.has(Role.PATIENT)) {
			var me = patients.findByUsername(user.username())
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No patient record."));
			thread = threads.ofPatient(me.id()).map(Threads.Thread::id)
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such thread."));
			zone = ZoneId.of(me.timeZone());
		} else if (threadId != null) {
			thread = threadId;
		} else {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such thread.");
		}
		List<Threads.Message> news;
		try {
			news = threads.read(thread, user, after, true);
		} catch (Threads.NotFound notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such thread.");
		}
		if (news.isEmpty()) {
			return ResponseEntity.noContent().build();
		}
		var shown = shown(news, user, zone, threads.find(thread).orElseThrow());
		model.addAttribute("messages", shown);
		model.addAttribute("last", news.get(news.size() - 1).seq());
		model.addAttribute("poll", user.has(Role.PATIENT) ? "/portal/messages/since" : "/messages/" + thread + "/since");
		return "messaging/thread :: news";
	}

	private String thread(Model model, UUID threadId, ZoneId zone, @Nullable String draft, @Nullable String error,
			String action) {
		var user = CurrentUser.require();
		List<Threads.Message> messages;
		try {
			messages = threads.read(threadId, user, 0, true);
		} catch (Threads.NotFound notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such thread.");
		}
		var thread = threads.find(threadId).orElseThrow();
		var patient = thread.participants().stream().filter(it -> it.role() == SenderRole.PATIENT).findFirst();
		model.addAttribute("thread", thread);
		model.addAttribute("patientName", patient.map(Threads.Participant::displayName).orElse(""));
		model.addAttribute("team", thread.participants().stream().filter(it -> it.role().clinician() && it.active()).toList());
		model.addAttribute("messages", shown(messages, user, zone, thread));
		model.addAttribute("last", messages.isEmpty() ? 0 : messages.get(messages.size() - 1).seq());
		model.addAttribute("action", action);
		model.addAttribute("poll", action + "/since");
		model.addAttribute("draft", draft == null ? "" : draft);
		model.addAttribute("error", error);
		model.addAttribute("isPatient", user.has(Role.PATIENT));
		// a closed thread (the episode of care ended) or a read-only portal takes no message from the patient
		var closed = threads.closedAt(thread.patient()).isPresent();
		model.addAttribute("closed", closed);
		model.addAttribute("mayWrite", !user.has(Role.PATIENT) || !closed && patients.portalAccess(thread.patient()).isOpen());
		model.addAttribute("max", Threads.MAX_BODY);
		model.addAttribute("quickReplies", user.has(Role.PATIENT) ? List.of() : quickReplies.all());
		return "messaging/thread";
	}

	private List<Shown> shown(List<Threads.Message> messages, StrideUser reader, ZoneId zone, Threads.Thread thread) {
		var locale = LocaleContextHolder.getLocale();
		return messages.stream().map(it -> {
			var readBy = thread.participants().stream()
					.filter(p -> !p.username().equals(it.senderUsername()) && p.active() && p.readSeq() >= it.seq())
					.map(Threads.Participant::displayName).toList();
			var mine = reader.username().equals(it.senderUsername());
			return new Shown(it.seq(), it.senderName(), mine, it.senderRole() == SenderRole.SYSTEM,
					when().format(it.sentAt().atZone(zone)) + (zone.equals(UTC) ? " UTC" : ""), it.sentAt().toString(),
					MessageText.html(it.text(this.messages, locale)),
					!mine ? "" : readBy.isEmpty() ? this.messages.getMessage("messaging.thread.delivered", null, locale)
							: this.messages.getMessage("messaging.thread.read-by", new Object[] { String.join(", ", readBy) },
									locale));
		}).toList();
	}

	/** The day and time in the reader's language. */
	private static DateTimeFormatter when() {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
				.withLocale(LocaleContextHolder.getLocale());
	}

	private String problem(InvalidInput invalid) {
		var problem = invalid.problems().get("body");
		return problem == null ? "" : messages.getMessage(problem, LocaleContextHolder.getLocale());
	}
}
