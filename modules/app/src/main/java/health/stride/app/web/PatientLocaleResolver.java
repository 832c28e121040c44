package health.stride.app.web;

import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

import health.stride.patients.PatientDirectory;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The language of a request: the one chosen with the language switch in this session, else a
 * signed-in patient's profile language, else the first language of {@code Accept-Language} that
 * Stride is written in ({@code es-MX} is Spanish), else English. The profile is read once per
 * session, in the request's clinic, and kept in the session; a request without a session (the
 * API's bearer tokens) reads it only when something asks for the locale.
 */
@Component(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
class PatientLocaleResolver implements LocaleResolver {

	/** The session attribute holding the language chosen with the switch. */
	static final String CHOSEN = PatientLocaleResolver.class.getName() + ".chosen";

	/** The session attribute holding the patient's profile language, or {@link #NO_PROFILE}. */
	static final String PROFILE = PatientLocaleResolver.class.getName() + ".profile";

	private static final String NO_PROFILE = "";

	private final PatientDirectory patients;

	PatientLocaleResolver(PatientDirectory patients) {
		this.patients = patients;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return chosen(request).or(() -> profile(request)).or(() -> accepted(request)).orElse(Language.ENGLISH)
				.locale();
	}

	/** The switch: kept for the rest of the session (and created for a visitor who has none yet). */
	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		var language = locale == null ? Optional.<Language> empty() : Language.of(locale);
		if (language.isPresent()) {
			request.getSession().setAttribute(CHOSEN, language.get().tag());
		} else {
			var session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(CHOSEN);
			}
		}
	}

	/** Forgets the profile language read earlier in this session, so the next request reads it again. */
	static void forgetProfile(HttpServletRequest request) {
		var session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(PROFILE);
		}
	}

	private static Optional<Language> chosen(HttpServletRequest request) {
		var session = request.getSession(false);
		return session != null && session.getAttribute(CHOSEN) instanceof String tag ? Language.ofTag(tag)
				: Optional.empty();
	}

	private Optional<Language> profile(HttpServletRequest request) {

		var patient = CurrentUser.get().filter(user -> user.has(Role.PATIENT));
		if (patient.isEmpty()) {
			return Optional.empty();
		}
		var session = request.getSession(false);
		if (session != null && session.getAttribute(PROFILE) instanceof String tag) {
			return Language.ofTag(tag);
		}
		if (CurrentTenant.get().isEmpty()) {
			return Optional.empty(); // e.g. the error page's own dispatch: the clinic is bound for the request only
		}
		var language = patients.languageOfUser(patient.get().username());
		if (session != null) {
			session.setAttribute(PROFILE, language.map(Language::tag).orElse(NO_PROFILE));
		}
		return language;
	}

	private static Optional<Language> accepted(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return Optional.empty(); // the servlet container's own default is not the reader's choice
		}
		return Collections.list(request.getLocales()).stream().map(Language::of).flatMap(Optional::stream)
				.findFirst();
	}
}
