package health.stride.app.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the limit fails before any controller is chosen: answer 413 as a problem on the
 * API and with the error page on pages.
 */
@ControllerAdvice
@Order(0)
class UploadTooLarge {

	private final MessageSource messages;

	UploadTooLarge(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	@Nullable ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request, HttpServletResponse response)
			throws IOException {

		if (request.getRequestURI().startsWith("/api/")) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
							messages.getMessage("app.problem.file-too-large", null, LocaleContextHolder.getLocale())));
		}

		response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
		return null;
	}
}
