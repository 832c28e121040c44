package health.stride.app.web;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import tools.jackson.databind.json.JsonMapper;

/**
 * A patient asked to agree again (the clinic published a new version of a document they agreed to
 * before) does so before going on: every portal page sends them to the consents page, and the API
 * refuses their writes with 409 naming the documents. Left open: the consents themselves, reporting
 * a new symptom, the urgent-care guidance and the crisis lines (safety first). A patient who has agreed to nothing
 * yet is still onboarding, which keeps its own order: the portal home's first step is the consents
 * and the intake refuses to start without them.
 */
@Configuration(proxyBeanMethods = false)
class ConsentGate implements WebMvcConfigurer {

	static final String CONSENTS_PAGE = "/portal/consents";
	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final PatientDirectory directory;
	private final Consents consents;
	private final MessageSource messages;
	private final JsonMapper json;

	ConsentGate(PatientDirectory directory, Consents consents, MessageSource messages, JsonMapper json) {
		this.directory = directory;
		this.consents = consents;
		this.messages = messages;
		this.json = json;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new Pages()).addPathPatterns("/portal", "/portal/**")
				.excludePathPatterns(CONSENTS_PAGE, "/portal/symptoms", "/portal/symptoms/**", "/portal/urgent",
						"/portal/check-in", "/portal/check-in/**");
		// like a warning sign, a mood answer may be a safety report: never held back by a consent to renew
		registry.addInterceptor(new Api()).addPathPatterns("/api/**")
				.excludePathPatterns("/api/me/consents", "/api/me/red-flags", "/api/me/screenings");
	}

	private final class Pages implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {

			if (request.getDispatcherType() != DispatcherType.REQUEST) {
				return true;
			}
			var patient = signedInPatient();
			if (patient == null) {
				return true;
			}
			if (outstanding(patient).isEmpty()) {
				return true;
			}
			var target = request.getContextPath() + CONSENTS_PAGE;
			if (request.getHeader("HX-Request") != null) {
				// htmx swaps a redirected answer into the page; this makes it load the page instead
				response.setHeader("HX-Redirect", target);
				response.setStatus(HttpStatus.NO_CONTENT.value());
			} else {
				response.setStatus(HttpStatus.SEE_OTHER.value());
				response.setHeader("Location", target);
			}
			return false;
		}
	}

	private final class Api implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws IOException {

			if (request.getDispatcherType() != DispatcherType.REQUEST || !WRITES.contains(request.getMethod())) {
				return true;
			}
			var patient = signedInPatient();
			var outstanding = patient == null ? List.<ConsentDocument>of() : outstanding(patient);
			if (outstanding.isEmpty()) {
				return true;
			}
			var locale = LocaleContextHolder.getLocale();
			var titles = outstanding.stream()
					.map(it -> messages.getMessage("patients.consent." + it.name(), null, locale).toLowerCase(locale)).toList();
			var joined = titles.size() == 2 ? messages.getMessage("patients.consents.and", titles.toArray(), locale)
					: String.join(", ", titles);
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					messages.getMessage("patients.consents.required", new Object[] { joined }, locale));
			problem.setProperty("outstandingConsents", outstanding.stream().map(Enum::name).toList());
			response.setStatus(HttpStatus.CONFLICT.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(json.writeValueAsString(problem));
			return false;
		}
	}

	/** The documents to agree to again; none while the patient is still onboarding. */
	private List<ConsentDocument> outstanding(PatientId patient) {
		var outstanding = consents.outstanding(patient);
		return outstanding.isEmpty() || consents.given(patient).isEmpty() ? List.of() : outstanding;
	}

	/** The signed-in patient's record, once it exists (it is opened just after the account). */
	private @org.jspecify.annotations.Nullable PatientId signedInPatient() {
		return CurrentUser.get().filter(user -> user.has(Role.PATIENT))
				.flatMap(user -> directory.findByUsername(user.username())).map(it -> it.id()).orElse(null);
	}
}
