package health.stride.programs.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Sending an htmx request on to another page, with the message that page shows. */
final class Htmx {

	private Htmx() {}

	/**
	 * Tells htmx to load the page at the address (a whole page, not a swap), keeping the message for
	 * it as a redirect would.
	 *
	 * @return null: the response is complete
	 */
	static @Nullable String redirect(String location, String flash, HttpServletRequest request,
			HttpServletResponse response) {
		RequestContextUtils.getOutputFlashMap(request).put("flash", flash);
		RequestContextUtils.saveOutputFlashMap(location, request, response);
		response.setHeader("HX-Redirect", location);
		return null;
	}
}
