package health.stride.app.security;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import health.stride.platform.audit.AuditTrail;

/**
 * Gives every request an id (a caller's well-formed {@code X-Request-Id}, or a new one), for the
 * logs and the audit trail, and returns it in the response.
 */
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {

		var given = request.getHeader(HEADER);
		var id = given != null && WELL_FORMED.matcher(given).matches() ? given : UUID.randomUUID().toString();

		MDC.put(AuditTrail.REQUEST_ID, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		} finally {
			MDC.remove(AuditTrail.REQUEST_ID);
		}
	}
}
