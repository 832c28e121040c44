package health.stride.app.security;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Stay signed in": the answer to the page's still-there notice, which counts as activity (see
 * {@link PageSessionLifetime}), and the timings every page's notice works with.
 */
@Controller
@ControllerAdvice
class PageSessionController {

	/** What a page needs to warn before the idle sign-out. */
	record PageSession(long idleSeconds, long warningSeconds) {

		public long idleMinutes() {
			return idleSeconds / 60;
		}
	}

	private final PageSession pageSession;

	PageSessionController(PageSessionProperties lifetime) {
		this.pageSession = new PageSession(lifetime.idleTimeout().toSeconds(), lifetime.idleWarning().toSeconds());
	}

	@ModelAttribute("pageSession")
	PageSession pageSession() {
		return pageSession;
	}

	@PostMapping("/session/activity")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Void> stillHere() {
		return ResponseEntity.noContent().build();
	}
}
