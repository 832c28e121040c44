package health.stride.app.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.view.RedirectView;

import health.stride.patients.PatientDirectory;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;

/**
 * The language switch on every page (the layout's form): anyone may choose the language for the rest
 * of their session; a signed-in patient's choice also becomes their profile language, so their
 * emails follow. The form posts the page to return to; only a path on Stride itself is followed,
 * anything else goes home.
 */
@Controller
@ControllerAdvice
class LanguageSwitch {

	/** What the layout's switch needs: the page to come back to. */
	record Here(String path) {}

	private final LocaleResolver locales;
	private final PatientDirectory patients;

	LanguageSwitch(LocaleResolver locales, PatientDirectory patients) {
		this.locales = locales;
		this.patients = patients;
	}

	@ModelAttribute("here")
	Here here(HttpServletRequest request) {
		var errorPath = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		var path = errorPath instanceof String original ? original : request.getRequestURI();
		var query = errorPath == null ? request.getQueryString() : null;
		path = path.substring(Math.min(request.getContextPath().length(), path.length()));
		return new Here(returnTo(query == null ? path : path + "?" + query));
	}

	@PostMapping("/language")
	@PreAuthorize("permitAll()")
	RedirectView choose(@RequestParam(name = "language", required = false) @Nullable String tag,
			@RequestParam(name = "return", required = false) @Nullable String back, HttpServletRequest request,
			HttpServletResponse response) {

		var language = tag == null ? java.util.Optional.<Language> empty() : Language.ofTag(tag);
		language.ifPresent(chosen -> {
			locales.setLocale(request, response, chosen.locale());
			CurrentUser.get().filter(user -> user.has(Role.PATIENT)).flatMap(patients::mine).ifPresent(record -> {
				patients.changeLanguage(record.id(), chosen);
				PatientLocaleResolver.forgetProfile(request);
			});
		});

		var redirect = new RedirectView(returnTo(back), true);
		redirect.setExpandUriTemplateVariables(false);
		return redirect;
	}

	/**
	 * A path on this site ({@code /portal?x=1}), else home: no scheme, no host, no {@code //} or
	 * backslash a browser would read as another host, no control characters or spaces.
	 */
	static String returnTo(@Nullable String target) {

		if (target == null || target.length() > 2_000 || !target.startsWith("/") || target.startsWith("//")) {
			return "/";
		}
		for (int i = 0; i < target.length(); i++) {
			var c = target.charAt(i);
			if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
				return "/";
			}
		}
		try {
			var uri = new URI(target);
			return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
					&& uri.getRawPath().startsWith("/") ? target : "/";
		} catch (URISyntaxException e) {
			return "/";
		}
	}
}
