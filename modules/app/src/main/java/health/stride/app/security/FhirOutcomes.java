package health.stride.app.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;

import ca.uhn.fhir.context.FhirContext;

/**
 * Refusals at the FHIR door as FHIR clients read them: an {@code OperationOutcome} in
 * {@code application/fhir+json}, its words in the reader's language ({@code Accept-Language}), written by the
 * security filters before any controller runs.
 */
final class FhirOutcomes {

	static final String FHIR_JSON = "application/fhir+json";

	private final FhirContext fhir;
	private final MessageSource messages;
	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	FhirOutcomes(FhirContext fhir, MessageSource messages) {
		this.fhir = fhir;
		this.messages = messages;
	}

	/** Answers with the bundle's text of {@code code}: a 401 is a {@code login} issue, anything else {@code forbidden}. */
	void write(HttpServletResponse response, HttpStatus status, String code) throws IOException {

		var outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.ERROR)
				.setCode(status == HttpStatus.UNAUTHORIZED ? IssueType.LOGIN : IssueType.FORBIDDEN)
				.setDiagnostics(messages.getMessage(code, null, LocaleContextHolder.getLocale()));

		response.setStatus(status.value());
		response.setContentType(FHIR_JSON);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(fhir.newJsonParser().encodeResourceToString(outcome));
	}

	/** No token, or one Stride does not accept: 401 with the {@code WWW-Authenticate: Bearer} challenge. */
	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		bearer.commence(request, response, failure);
		write(response, HttpStatus.UNAUTHORIZED, "app.problem.unauthorized");
	}
}
