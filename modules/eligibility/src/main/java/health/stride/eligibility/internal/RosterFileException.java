package health.stride.eligibility.internal;

/** The file as a whole cannot be read as a roster; nothing of it is imported. */
public class RosterFileException extends RuntimeException {

	public RosterFileException(String message) {
		super(message);
	}

	public RosterFileException(String message, Throwable cause) {
		super(message, cause);
	}
}
