package health.stride.patients.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import health.stride.patients.FieldErrors;

/** RFC 9457 problem details for the patients API, in the shape the rest of the API uses. */
final class Problems {

	private Problems() {}

	static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

	static ResponseEntity<ProblemDetail> notFound(String detail) {
		return of(HttpStatus.NOT_FOUND, detail);
	}

	static ResponseEntity<ProblemDetail> invalid(FieldErrors.Invalid invalid) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are missing or not valid.");
		problem.setProperty("errors", invalid.errors().entrySet().stream()
				.map(it -> Map.of("field", it.getKey(), "message", it.getValue())).toList());
		return ResponseEntity.badRequest().body(problem);
	}

	static ResponseEntity<ProblemDetail> consentRequired(String detail, List<String> outstanding) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setProperty("outstandingConsents", outstanding);
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}
}
