package health.stride.fhir.internal;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

/**
 * A FHIR request Stride refuses, answered with an {@code OperationOutcome}: its status, the issue's type and
 * the bundle key of the words a person reads in it (never a stored value).
 */
final class FhirProblem extends RuntimeException {

	private final HttpStatus status;
	private final IssueType type;
	private final String code;
	private final Object[] arguments;

	private FhirProblem(HttpStatus status, IssueType type, String code, Object... arguments) {
		super(code, null, false, false);
		this.status = status;
		this.type = type;
		this.code = code;
		this.arguments = arguments;
	}

	/** Nothing of that type with that id in the reader's reach: another clinic's ids and ids nobody has alike. */
	static FhirProblem notFound() {
		return new FhirProblem(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "fhir.problem.not-found");
	}

	static FhirProblem forbidden(String code) {
		return new FhirProblem(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN, code);
	}

	static FhirProblem invalid(String code, Object... arguments) {
		return new FhirProblem(HttpStatus.BAD_REQUEST, IssueType.INVALID, code, arguments);
	}

	static FhirProblem notSupported(String code, Object... arguments) {
		return new FhirProblem(HttpStatus.BAD_REQUEST, IssueType.NOTSUPPORTED, code, arguments);
	}

	HttpStatus status() {
		return status;
	}

	IssueType type() {
		return type;
	}

	String code() {
		return code;
	}

	Object[] arguments() {
		return arguments.clone();
	}
}
