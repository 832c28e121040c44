package health.stride.app.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details written by the security filters, before any controller runs, their
 * {@code detail} in the reader's language ({@code Accept-Language}: the filters run before a page's
 * session language is known, and the API has none).
 */
final class ProblemResponses {

	private final JsonMapper json;
	private final MessageSource messages;

	ProblemResponses(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	/** Answers with the bundle's text of {@code code}. */
	void write(HttpServletResponse response, HttpStatus status, String code) throws IOException {

		var problem = ProblemDetail.forStatusAndDetail(status,
				messages.getMessage(code, null, LocaleContextHolder.getLocale()));

		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.writeValueAsString(problem));
	}
}
