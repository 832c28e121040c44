package health.stride.app.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import health.stride.app.web.TextInput.Flaw;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies {@link TextInput} to every form and query parameter before any controller sees it, whatever
 * the controller binds them to (records, maps, single values). On the API the answer is a problem with
 * a field error; on pages the error page says what to correct, or, for a form htmx sent, the page
 * itself in its refusal notice.
 */
@Configuration(proxyBeanMethods = false)
class TextParameters implements WebMvcConfigurer {

	/** The id of the layout's place for a refusal of a form htmx sent (see {@code js/refused.js}). */
	static final String REFUSAL = "htmx-refusal";

	private final JsonMapper json;
	private final MessageSource messages;

	TextParameters(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// FHIR answers its own searches' flawed values, with an OperationOutcome (FhirController)
		registry.addInterceptor(new Guard()).excludePathPatterns("/fhir/**");
	}

	private final class Guard implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {

			if (request.getDispatcherType() == DispatcherType.ERROR) {
				return true; // the error page for a refused request: its parameters were judged already
			}
			for (var parameter : request.getParameterMap().entrySet()) {
				var flaw = flawOf(parameter);
				if (flaw != null) {
					refuse(request, response, TextInput.printable(parameter.getKey()), flaw);
					return false;
				}
			}
			return true;
		}

		private @Nullable Flaw flawOf(Map.Entry<String, String[]> parameter) {
			var flaw = TextInput.flawOf(parameter.getKey());
			for (int i = 0; flaw == null && i < parameter.getValue().length; i++) {
				flaw = TextInput.flawOf(parameter.getValue()[i]);
			}
			return flaw;
		}

		private void refuse(HttpServletRequest request, HttpServletResponse response, String field, Flaw flaw)
				throws IOException {

			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				var locale = LocaleContextHolder.getLocale();
				var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						messages.getMessage(ApiProblems.INVALID, null, locale));
				problem.setProperty("errors", List.of(ApiProblems.fieldError(field, messages.getMessage(flaw.problem(), locale))));
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.getWriter().write(json.writeValueAsString(problem));
			} else if (request.getHeader("HX-Request") != null) {
				// htmx swaps no 400 into its target: the answer names where the page shows it instead
				var text = HtmlUtils.htmlEscape(messages.getMessage(flaw.inPlace(), LocaleContextHolder.getLocale()), "UTF-8");
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				response.setHeader("HX-Retarget", "#" + REFUSAL);
				response.setHeader("HX-Reswap", "innerHTML");
				response.setHeader("HX-Reselect", "#" + REFUSAL + "-text");
				response.setContentType(MediaType.TEXT_HTML_VALUE);
				response.setCharacterEncoding("UTF-8");
				response.getWriter().write("<p id=\"" + REFUSAL + "-text\">" + text + "</p>");
			} else {
				request.setAttribute(FriendlyErrorAttributes.DENIAL_REASON, flaw.reason());
				response.sendError(HttpStatus.BAD_REQUEST.value());
			}
		}
	}
}
