package health.stride.patients.web;

import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import health.stride.patients.ConsentDocument;

/**
 * RFC 9457 problem details for the patients API, in the shape the rest of the API uses and in the
 * reader's language. Field errors are not built here: they propagate as {@code InvalidInput} to
 * the application's one problem-details advice.
 */
@Component
class Problems {

	private final MessageSource messages;

	Problems(MessageSource messages) {
		this.messages = messages;
	}

	ResponseEntity<ProblemDetail> of(HttpStatus status, String code, Object... arguments) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, text(code, arguments)));
	}

	ResponseEntity<ProblemDetail> notFound(String code) {
		return of(HttpStatus.NOT_FOUND, code);
	}

	/** The patient must agree to these documents first; the API lists them by name. */
	ResponseEntity<ProblemDetail> consentRequired(List<ConsentDocument> outstanding) {
		var titles = outstanding.stream().map(this::title).toList();
		var joined = titles.size() == 2 ? text("patients.consents.and", titles.get(0), titles.get(1))
				: String.join(", ", titles);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, text("patients.consents.required", joined));
		problem.setProperty("outstandingConsents", outstanding.stream().map(Enum::name).toList());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	/** A document's title as it reads inside a sentence. */
	String title(ConsentDocument document) {
		var locale = LocaleContextHolder.getLocale();
		return text("patients.consent." + document.name()).toLowerCase(locale);
	}

	/** A document's title as a heading. */
	String heading(ConsentDocument document) {
		return text("patients.consent." + document.name());
	}

	String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}
}
