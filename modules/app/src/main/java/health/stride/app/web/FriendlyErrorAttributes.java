package health.stride.app.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Adds the reason Stride itself gave for turning a user away to the error page's model, in the
 * reader's language. Exception messages are never shown: they may hold details a user should not see.
 */
@Component
class FriendlyErrorAttributes extends DefaultErrorAttributes {

	static final String DENIAL_REASON = "health.stride.app.security.AccessDenials.reason";

	private final MessageSource messages;

	FriendlyErrorAttributes(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {

		var attributes = super.getErrorAttributes(request, options);
		var reason = request.getAttribute(DENIAL_REASON, RequestAttributes.SCOPE_REQUEST);

		if (reason instanceof MessageSourceResolvable message) {
			attributes.put("reason", messages.getMessage(message, LocaleContextHolder.getLocale()));
		}

		return attributes;
	}
}
