package health.stride.app.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in page session after {@link PageSessionProperties#idleTimeout()} without activity
 * and {@link PageSessionProperties#absoluteTimeout()} after sign-in. The servlet container's own
 * timeout cannot do this: every request touches the session, and the inbox and thread pages poll
 * every second, so an open tab would keep a session alive forever. Here only what a person does
 * counts: requests marked {@value #POLL_HEADER} (the pages' background polling) do not.
 * <p>
 * Now and then ({@link PageSessionProperties#revalidateEvery()}) it asks Keycloak whether the
 * session behind it still stands, since Keycloak does not tell when an administrator disables a user.
 * <p>
 * Every response to a signed-in page request says in {@value #REMAINING_HEADER} how many seconds
 * the session has left, so a page can ask "still there?" before it ends. An ended session also ends
 * its Keycloak session, and the request goes on to the sign-in page (htmx requests through
 * {@code HX-Redirect}, since a redirect to Keycloak cannot be followed from a background request).
 */
class PageSessionLifetime extends OncePerRequestFilter {

	static final String POLL_HEADER = "X-Stride-Poll";
	static final String REMAINING_HEADER = "X-Stride-Session-Remaining";
	static final String SIGNED_IN_AT = PageSessionLifetime.class.getName() + ".SIGNED_IN_AT";
	static final String LAST_ACTIVITY = PageSessionLifetime.class.getName() + ".LAST_ACTIVITY";
	static final String CHECKED_AT = PageSessionLifetime.class.getName() + ".CHECKED_AT";

	private final PageSessionProperties lifetime;
	private final IdleSessionSignOut keycloak;
	private final KeycloakSessionCheck keycloakSession;
	private final Clock clock;

	PageSessionLifetime(PageSessionProperties lifetime, IdleSessionSignOut keycloak, KeycloakSessionCheck keycloakSession,
			Clock clock) {
		this.lifetime = lifetime;
		this.keycloak = keycloak;
		this.keycloakSession = keycloakSession;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {

		var session = request.getSession(false);
		if (session == null || !(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken)) {
			chain.doFilter(request, response);
			return;
		}

		var now = clock.instant();
		var signedInAt = instant(session, SIGNED_IN_AT, now);
		var lastActivity = instant(session, LAST_ACTIVITY, signedInAt);
		var remaining = min(Duration.between(now, lastActivity.plus(lifetime.idleTimeout())),
				Duration.between(now, signedInAt.plus(lifetime.absoluteTimeout())));

		if (remaining.isNegative() || remaining.isZero() || !keycloakSessionStands(session, request, response, now)) {
			end(session);
			goToSignIn(request, response);
			return;
		}

		if (!polls(request)) {
			session.setAttribute(LAST_ACTIVITY, now);
			remaining = min(lifetime.idleTimeout(), Duration.between(now, signedInAt.plus(lifetime.absoluteTimeout())));
		}
		response.setHeader(REMAINING_HEADER, Long.toString(remaining.toSeconds()));
		chain.doFilter(request, response);
	}

	/** Asks Keycloak at most once per {@link PageSessionProperties#revalidateEvery()}. */
	private boolean keycloakSessionStands(HttpSession session, HttpServletRequest request, HttpServletResponse response,
			Instant now) {

		var checkedAt = instant(session, CHECKED_AT, now);
		if (Duration.between(checkedAt, now).compareTo(lifetime.revalidateEvery()) < 0) {
			return true;
		}
		session.setAttribute(CHECKED_AT, now);
		return !(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken user)
				|| keycloakSession.stands(user, request, response);
	}

	static boolean polls(HttpServletRequest request) {
		return request.getHeader(POLL_HEADER) != null;
	}

	private void end(HttpSession session) {
		try {
			keycloak.endKeycloakSession(session);
			session.invalidate();
		} catch (IllegalStateException endedAlready) {
			// another request of the same page (its favicon, a poll) ended it a moment earlier
		}
		SecurityContextHolder.clearContext();
	}

	/** Asks for the page again without a session, so Spring Security sends the person to sign in. */
	private static void goToSignIn(HttpServletRequest request, HttpServletResponse response) throws IOException {

		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", request.getContextPath() + "/oauth2/authorization/" + SecurityConfiguration.REGISTRATION);
			response.setStatus(HttpServletResponse.SC_OK);
			return;
		}
		var again = "GET".equals(request.getMethod()) ? request.getRequestURI()
				+ (request.getQueryString() == null ? "" : "?" + request.getQueryString()) : request.getContextPath() + "/";
		response.sendRedirect(again);
	}

	private static Instant instant(HttpSession session, String attribute, Instant otherwise) {
		if (session.getAttribute(attribute) instanceof Instant instant) {
			return instant;
		}
		session.setAttribute(attribute, otherwise);
		return otherwise;
	}

	private static Duration min(Duration one, Duration other) {
		return one.compareTo(other) <= 0 ? one : other;
	}
}
