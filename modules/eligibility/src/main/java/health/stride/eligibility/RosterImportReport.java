package health.stride.eligibility;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * Where a roster upload stands, and what it did: counts, and the rejected lines with their line
 * number and reason (the first thousand).
 */
public record RosterImportReport(RosterImportId id, SponsorId sponsor, Status status, @Nullable String fileName,
		long fileSize, long bytesRead, long rowsRead, long added, long updated, long terminated, long rejected,
		List<LineError> errors, @Nullable Reason failure, Instant createdAt, @Nullable Instant finishedAt) {

	public enum Status {
		QUEUED, RUNNING, COMPLETED, FAILED;

		public boolean finished() {
			return this == COMPLETED || this == FAILED;
		}
	}

	/**
	 * Why a line or a whole file was refused: a message code with its arguments, put in words in the
	 * reader's language; imports stored before reasons were codes hold an English sentence instead,
	 * shown as written.
	 */
	public record Reason(@Nullable String code, List<String> arguments, @Nullable String written) {

		public Reason {
			arguments = arguments == null ? List.of() : List.copyOf(arguments);
		}

		public static Reason of(String code, Object... arguments) {
			return new Reason(code, Arrays.stream(arguments).map(String::valueOf).toList(), null);
		}

		public static Reason asWritten(String sentence) {
			return new Reason(null, List.of(), sentence);
		}

		public String in(MessageSource messages, Locale locale) {
			return code == null ? Objects.requireNonNullElse(written, "")
					: messages.getMessage(code, arguments.toArray(), locale);
		}
	}

	/**
	 * A rejected line as stored with the import: {@code code} and {@code arguments}, or, in imports
	 * stored before reasons were codes, the English {@code message}.
	 */
	public record LineError(long line, @Nullable String code, @Nullable List<String> arguments, @Nullable String message) {

		public static LineError of(long line, Reason reason) {
			return new LineError(line, reason.code(), reason.arguments(), reason.written());
		}

		public Reason reason() {
			return new Reason(code, arguments, message);
		}
	}

	/** How far the import has read its file, 0 to 100. */
	public int percentDone() {
		if (status.finished()) {
			return 100;
		}
		return fileSize == 0 ? 0 : (int) Math.min(99, bytesRead * 100 / fileSize);
	}

	/** When the file was uploaded, in the reader's words; imports are listed in UTC. */
	public String uploadedAt(Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
				.format(createdAt.atZone(ZoneOffset.UTC));
	}
}
