package health.stride.app.web;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import health.stride.app.web.TextInputModule.UnsafeText;
import health.stride.patients.PortalAccess;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Visits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * RFC 9457 problem details for every request under {@code /api/}, whichever kind of controller
 * serves it, with the fields that were wrong listed in {@code errors} so a client can show each
 * message beside its field. Pages are left to the friendly error page: for them the exception goes
 * on to Spring's default handling.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

	/** The code of every field-error problem's {@code detail}. */
	static final String INVALID = "app.problem.invalid";

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
		setMessageSource(messages);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {

		var problem = invalid.getBody();
		problem.setDetail(text(INVALID));
		problem.setProperty("errors", invalid.getFieldErrors().stream()
				.map(error -> fieldError(error.getField(), text(error)))
				.toList());
		if (!invalid.getGlobalErrors().isEmpty()) {
			problem.setProperty("globalErrors", List.copyOf(invalid.getGlobalErrors().stream().map(this::text).toList()));
		}

		return handleExceptionInternal(invalid, problem, headers, status, request);
	}

	/**
	 * A rule of a domain object refused the request's fields ({@code FieldErrors.throwIfAny()}):
	 * the same answer as a record that failed Bean Validation, in the reader's language.
	 */
	@ExceptionHandler(InvalidInput.class)
	@Nullable ResponseEntity<Object> handleInvalidInput(InvalidInput invalid, WebRequest request) {

		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, text(INVALID));
		problem.setProperty("errors", invalid.problems().entrySet().stream()
				.map(it -> fieldError(it.getKey(), text(it.getValue())))
				.toList());

		return handleExceptionInternal(invalid, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A patient whose portal is read-only (discharged, or coverage ended) tried to change
	 * something: 409, the record's state forbids it, with what to do instead.
	 */
	@ExceptionHandler(PortalAccess.ReadOnly.class)
	@Nullable ResponseEntity<Object> handleReadOnlyPortal(PortalAccess.ReadOnly readOnly, WebRequest request) {

		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, text("patients.portal.read-only"));
		problem.setProperty("portalAccess", PortalAccess.READ_ONLY.name());
		return handleExceptionInternal(readOnly, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
	}

	/** A visit, clinician or patient the caller may not see, or another clinic's: it does not exist for them. */
	@ExceptionHandler(Visits.NotFound.class)
	@Nullable ResponseEntity<Object> handleNoSuchVisit(Visits.NotFound notFound, WebRequest request) {
		return problem(notFound, HttpStatus.NOT_FOUND, "visits.api.not-found", request);
	}

	/** The time went to someone else first, or the patient is busy then: 409, choose another. */
	@ExceptionHandler(Visits.SlotTaken.class)
	@Nullable ResponseEntity<Object> handleSlotTaken(Visits.SlotTaken taken, WebRequest request) {
		return problem(taken, HttpStatus.CONFLICT, "visits.api.slot-taken", request);
	}

	@ExceptionHandler(Visits.NotBooked.class)
	@Nullable ResponseEntity<Object> handleNotBooked(Visits.NotBooked notBooked, WebRequest request) {
		return problem(notBooked, HttpStatus.CONFLICT, "visits.api.not-booked", request);
	}

	private @Nullable ResponseEntity<Object> problem(Exception exception, HttpStatus status, String code,
			WebRequest request) {
		return handleExceptionInternal(exception, ProblemDetail.forStatusAndDetail(status, text(code)), new HttpHeaders(),
				status, request);
	}

	/**
	 * A body that is not JSON, or not of the expected shape: a field error where Jackson knows the
	 * field. Jackson's own message is not passed on, it names Java types.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {

		var problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		var jackson = jacksonCause(unreadable);
		var field = jackson == null ? "" : path(jackson);

		if (jackson != null && !field.isEmpty()) {
			problem.setDetail(text(INVALID));
			problem.setProperty("errors", List.of(fieldError(field, jackson instanceof MismatchedInputException mismatch
					? text(expected(mismatch)) : text("app.problem.give.value"))));
		} else if (jackson != null) {
			problem.setDetail(text("app.problem.unreadable"));
		} else {
			problem.setDetail(text("app.problem.no-body"));
		}

		return handleExceptionInternal(unreadable, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** Answers only the API; anything else is handed back to Spring's default handling (the error page). */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception exception, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {

		if (!isApi(request)) {
			throw ApiProblems.<RuntimeException> rethrow(exception);
		}
		return super.handleExceptionInternal(exception, body, headers, status, request);
	}

	static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	private static boolean isApi(WebRequest request) {
		return request instanceof ServletWebRequest servlet
				&& servlet.getRequest().getRequestURI().startsWith(servlet.getRequest().getContextPath() + "/api/");
	}

	/**
	 * Rethrows the very exception the handler was given: Spring then goes on with its default
	 * handling of it, as if this advice had none.
	 */
	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E rethrow(Throwable exception) throws E {
		throw (E) exception;
	}

	private static @Nullable JacksonException jacksonCause(Throwable exception) {
		for (var cause = exception.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	/** Jackson's path as a client names the field: {@code exercises[0].note}. */
	private static String path(JacksonException exception) {
		var path = new StringBuilder();
		for (var reference : exception.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(TextInput.printable(reference.getPropertyName()));
			} else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/** What the field should have held, as a message code. */
	private static MessageSourceResolvable expected(MismatchedInputException mismatch) {
		if (mismatch instanceof UnsafeText unsafe) {
			return unsafe.flaw.problem();
		}
		var type = mismatch.getTargetType();
		var code = type == null ? "value"
				: type == String.class || type.isEnum() ? "text"
				: Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class) ? "number"
				: type == Boolean.class || type == boolean.class ? "boolean"
				: type == UUID.class ? "id"
				: Temporal.class.isAssignableFrom(type) ? "date"
				: Collection.class.isAssignableFrom(type) || type.isArray() ? "list"
				: "object";
		return new DefaultMessageSourceResolvable("app.problem.give." + code);
	}

	private String text(String code) {
		return messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

	/**
	 * A field error in the reader's language: its codes from the bundles, else its default message
	 * (Bean Validation's, already interpolated from the bundles), else "is not valid".
	 */
	private String text(MessageSourceResolvable error) {
		try {
			return messages.getMessage(error, LocaleContextHolder.getLocale());
		} catch (NoSuchMessageException unknown) {
			return text("app.problem.not-valid");
		}
	}
}
