package health.stride.visits.web;

import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import health.stride.visits.HostKind;
import health.stride.visits.VisitTypes;

/** The kinds of visit the reader's clinic holds, named in the reader's language. */
@RestController
class VisitTypesApiController {

	private final VisitTypes types;
	private final MessageSource messages;

	VisitTypesApiController(VisitTypes types, MessageSource messages) {
		this.types = types;
		this.messages = messages;
	}

	record VisitTypeJson(String key, String name, int minutes, HostKind heldBy, boolean selfBookable) {}

	@GetMapping("/api/visit-types")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	List<VisitTypeJson> all() {
		var locale = LocaleContextHolder.getLocale();
		return types.all().stream().map(it -> new VisitTypeJson(it.key(), it.name(messages, locale), it.minutes(),
				it.heldBy(), it.selfBookable())).toList();
	}
}
