package health.stride.eligibility.internal;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** Rows in PostgreSQL's COPY text format: tab-separated, backslash escapes, {@code \N} for null. */
final class CopyText {

	private final StringBuilder line = new StringBuilder(256);

	CopyText field(@Nullable Object value) {

		if (!line.isEmpty()) {
			line.append('\t');
		}
		if (value == null) {
			line.append("\\N");
			return this;
		}

		var text = value instanceof LocalDate date ? date.toString() : value.toString();
		for (int i = 0; i < text.length(); i++) {
			var c = text.charAt(i);
			switch (c) {
				case '\\' -> line.append("\\\\");
				case '\t' -> line.append("\\t");
				case '\n' -> line.append("\\n");
				case '\r' -> line.append("\\r");
				default -> line.append(c);
			}
		}
		return this;
	}

	String endLine() {
		var result = line.append('\n').toString();
		line.setLength(0);
		return result;
	}
}
