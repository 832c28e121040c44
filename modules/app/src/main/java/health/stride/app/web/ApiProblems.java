package health.stride.app.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for the JSON API (its {@code @RestController}s), with the fields that
 * were wrong listed in {@code errors} so a client can show each message beside its field. Pages
 * are left to the friendly error page.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {

		var problem = invalid.getBody();
		problem.setDetail("Some fields are missing or not valid.");
		problem.setProperty("errors", invalid.getFieldErrors().stream()
				.map(error -> Map.of("field", error.getField(), "message",
						error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage()))
				.toList());
		if (!invalid.getGlobalErrors().isEmpty()) {
			problem.setProperty("globalErrors", List.copyOf(invalid.getGlobalErrors().stream()
					.map(error -> error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage()).toList()));
		}

		return handleExceptionInternal(invalid, problem, headers, status, request);
	}
}
