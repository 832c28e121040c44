package health.stride.eligibility.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import health.stride.eligibility.RosterImportReport.Reason;

/**
 * The file as a whole cannot be read as a roster; nothing of it is imported. The message, for
 * logs, is the reason's code and arguments; people read the reason in their language.
 */
public class RosterFileException extends RuntimeException {

	private final Reason reason;

	public RosterFileException(String code, Object... arguments) {
		this(null, code, arguments);
	}

	public RosterFileException(@Nullable Throwable cause, String code, Object... arguments) {
		super(code + " " + Arrays.toString(arguments), cause);
		this.reason = Reason.of(code, arguments);
	}

	public Reason reason() {
		return reason;
	}
}
