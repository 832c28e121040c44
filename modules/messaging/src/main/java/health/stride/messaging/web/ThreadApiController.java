package health.stride.messaging.web;

import java.time.Instant;
import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;

import health.stride.messaging.Threads;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;

/** Threads over the API: the caller's threads with their unread counts, and posting a message. */
@RestController
@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH')")
class ThreadApiController {

	private final Threads threads;
	private final AuditTrail audit;
	private final MessageSource messages;

	ThreadApiController(Threads threads, AuditTrail audit, MessageSource messages) {
		this.messages = messages;
		this.threads = threads;
		this.audit = audit;
	}

	record ThreadJson(String threadId, String patientId, long unread, boolean urgent, @Nullable Instant lastMessageAt) {}

	@GetMapping("/api/threads")
	List<ThreadJson> threads() {
		var mine = threads.of(CurrentUser.require());
		audit.recordListView("threads", mine.stream().map(it -> it.patient().id()).toList());
		return mine.stream().map(it -> new ThreadJson(it.id().toString(), it.patient().toString(), it.unread(),
				it.urgent(), it.lastMessageAt())).toList();
	}

	record NewMessage(@Nullable String body) {}

	record Posted(String messageId, long seq, Instant sentAt) {}

	@PostMapping("/api/threads/{threadId}/messages")
	ResponseEntity<?> post(@PathVariable UUID threadId, @RequestBody NewMessage message) {
		try {
			var posted = threads.post(threadId, CurrentUser.require(), message.body());
			return ResponseEntity.status(HttpStatus.CREATED)
					.body(new Posted(posted.id().toString(), posted.seq(), posted.sentAt()));
		} catch (Threads.NotFound notFound) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
							messages.getMessage("messaging.thread.not-found", null, LocaleContextHolder.getLocale())));
		}
	}
}
