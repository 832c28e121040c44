package health.stride.eligibility.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;

import health.stride.eligibility.RosterImportReport.Reason;

/**
 * Reads a roster file (UTF-8, optional BOM, RFC 4180) line by line, without holding it in memory,
 * and hands each valid member line on. Lines that are not valid are reported with their line
 * number and reason; the file as a whole is refused only when it is not a roster at all (not
 * UTF-8, wrong or missing header, broken quoting, a field or line far too long).
 * <p>
 * Duplicate member ids are a property of the whole file and are found by the import, not here.
 */
public final class RosterParser {

	public static final List<String> HEADER = List.of("member_id", "first_name", "last_name", "date_of_birth",
			"email", "coverage_start", "coverage_end");

	static final int MAX_FIELD_LENGTH = 256;
	private static final int MAX_LINE_LENGTH = 4 * 1024;
	private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

	private final LocalDate today;
	private final LastDate coverageStarts = new LastDate();
	private final LastDate coverageEnds = new LastDate();

	public RosterParser(LocalDate today) {
		this.today = today;
	}

	/**
	 * @param file the roster, closed by the caller
	 * @param rows receives every valid line, in file order
	 * @param errors receives every rejected line, in file order
	 * @return the number of member lines read (valid and rejected)
	 * @throws RosterFileException if the file is not a roster
	 */
	public long parse(InputStream file, Consumer<RosterRow> rows, Consumer<RowError> errors) {

		var decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);

		var handler = CsvRecordHandler.builder()
				.maxFields(HEADER.size() * 4)
				.maxFieldSize(MAX_LINE_LENGTH)
				.maxRecordSize(MAX_LINE_LENGTH)
				.build();

		try (var reader = CsvReader.builder()
				.skipEmptyLines(true)
				.allowExtraFields(true)
				.allowMissingFields(true)
				.maxBufferSize(MAX_LINE_LENGTH * 4)
				.build(handler, new InputStreamReader(withoutBom(file), decoder))) {

			var records = reader.iterator();

			if (!records.hasNext()) {
				throw new RosterFileException("eligibility.roster.error.empty", String.join(",", HEADER));
			}
			checkHeader(records.next());

			long count = 0;
			while (records.hasNext()) {
				var record = records.next();
				if (isBlank(record)) {
					continue;
				}
				count++;
				read(record, rows, errors);
			}
			return count;

		} catch (CsvParseException e) {
			throw new RosterFileException(e, "eligibility.roster.error.not-csv", String.valueOf(e.getMessage()));
		} catch (UncheckedIOException e) {
			throw unreadable(e.getCause());
		} catch (IOException e) {
			throw unreadable(e);
		}
	}

	private static RosterFileException unreadable(IOException e) {
		return e instanceof CharacterCodingException
				? new RosterFileException(e, "eligibility.roster.error.not-utf8")
				: new RosterFileException(e, "eligibility.roster.error.unreadable");
	}

	private static void checkHeader(CsvRecord header) {

		var names = header.getFields().stream().map(it -> it.strip().toLowerCase(Locale.ROOT)).toList();

		if (!names.equals(HEADER)) {
			throw new RosterFileException("eligibility.roster.error.header", String.join(",", HEADER),
					String.join(",", header.getFields()));
		}
	}

	private void read(CsvRecord record, Consumer<RosterRow> rows, Consumer<RowError> errors) {

		var line = record.getStartingLineNumber();
		var fields = record.getFields();
		var memberId = fields.isEmpty() ? "" : fields.get(0).strip();
		var id = isMemberId(memberId) ? memberId : null;

		if (fields.size() != HEADER.size()) {
			errors.accept(RowError.of(line, id, "eligibility.roster.error.field-count", HEADER.size(), fields.size()));
			return;
		}
		if (memberId.isEmpty()) {
			errors.accept(RowError.of(line, null, "eligibility.roster.error.member-id-missing"));
			return;
		}
		if (id == null) {
			errors.accept(RowError.of(line, null, "eligibility.roster.error.member-id-invalid"));
			return;
		}

		var firstName = fields.get(1).strip();
		var lastName = fields.get(2).strip();
		var email = blankToNull(fields.get(4));

		var problem = firstName.isEmpty() ? "eligibility.roster.error.first-name-missing"
				: lastName.isEmpty() ? "eligibility.roster.error.last-name-missing"
				: firstName.length() > MAX_FIELD_LENGTH || lastName.length() > MAX_FIELD_LENGTH ? "eligibility.roster.error.name-too-long"
				: email != null && (email.length() > 254 || !isEmail(email)) ? "eligibility.roster.error.email-invalid"
				: null;

		if (problem != null) {
			errors.accept(RowError.of(line, id, problem));
			return;
		}

		try {
			var dateOfBirth = date(fields.get(3), "date-of-birth");
			var coverageStart = coverageStarts.date(fields.get(5), "coverage-start");
			var coverageEnd = fields.get(6).isBlank() ? null : coverageEnds.date(fields.get(6), "coverage-end");

			if (dateOfBirth.isBefore(EARLIEST_BIRTH) || dateOfBirth.isAfter(today)) {
				errors.accept(RowError.of(line, id, "eligibility.roster.error.birth-implausible", dateOfBirth));
			} else if (coverageEnd != null && coverageEnd.isBefore(coverageStart)) {
				errors.accept(RowError.of(line, id, "eligibility.roster.error.coverage-order", coverageEnd, coverageStart));
			} else {
				rows.accept(new RosterRow(line, memberId, firstName, lastName, dateOfBirth, email, coverageStart, coverageEnd));
			}
		} catch (BadDate bad) {
			errors.accept(new RowError(line, bad.reason, id));
		}
	}

	/** One ASCII letter or digit, then up to 63 of them or '.', '_', '/' and '-'. */
	static boolean isMemberId(String value) {

		if (value.isEmpty() || value.length() > 64 || !isAsciiAlphanumeric(value.charAt(0))) {
			return false;
		}
		for (int i = 1; i < value.length(); i++) {
			var c = value.charAt(i);
			if (!isAsciiAlphanumeric(c) && c != '.' && c != '_' && c != '/' && c != '-') {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiAlphanumeric(char c) {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
	}

	/** One '@' after 1 to 64 characters, then a domain with a dot inside it; no white space. */
	static boolean isEmail(String value) {

		var at = -1;
		var dot = -1;
		for (int i = 0; i < value.length(); i++) {
			var c = value.charAt(i);
			if (c == '@') {
				if (at >= 0) {
					return false;
				}
				at = i;
			} else if (c == '.' && at >= 0 && dot < 0 && i > at + 1) {
				dot = i;
			} else if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
				return false;
			}
		}
		return at >= 1 && at <= 64 && dot > at + 1 && dot < value.length() - 1;
	}

	/** @param what the field, as the last part of its message codes */
	private static LocalDate date(String value, String what) {

		var text = value.strip();

		if (text.isEmpty()) {
			throw new BadDate(Reason.of("eligibility.roster.error.missing." + what));
		}
		var plain = plainDate(text);
		if (plain != null) {
			return plain;
		}
		try {
			return LocalDate.parse(text);
		} catch (DateTimeParseException e) {
			throw new BadDate(Reason.of("eligibility.roster.error.not-a-date." + what, abbreviated(text)));
		}
	}

	/** The common form YYYY-MM-DD read without a formatter; null for anything else. */
	private static @Nullable LocalDate plainDate(String text) {

		if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
			return null;
		}
		var year = digits(text, 0, 4);
		var month = digits(text, 5, 7);
		var day = digits(text, 8, 10);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
			return null;
		}
		return LocalDate.of(year, month, day);
	}

	private static int digits(String text, int from, int to) {
		var value = 0;
		for (int i = from; i < to; i++) {
			var c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static String abbreviated(String text) {
		return text.length() <= 20 ? text : text.substring(0, 20) + "…";
	}

	private static @Nullable String blankToNull(String value) {
		var stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

	private static boolean isBlank(CsvRecord record) {
		for (var field : record.getFields()) {
			if (!field.isBlank()) {
				return false;
			}
		}
		return true;
	}

	private static InputStream withoutBom(InputStream file) throws IOException {

		var buffered = new BufferedInputStream(file, 64 * 1024);
		buffered.mark(3);
		var bom = buffered.readNBytes(3);

		if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
			buffered.reset();
		}

		return buffered;
	}

	/** Most lines of a roster share a few coverage dates: the last one read is not read again. */
	private static final class LastDate {

		private @Nullable String text;
		private @Nullable LocalDate date;

		LocalDate date(String value, String what) {
			if (!value.equals(text) || date == null) {
				date = RosterParser.date(value, what);
				text = value;
			}
			return date;
		}
	}

	private static final class BadDate extends RuntimeException {

		private final Reason reason;

		BadDate(Reason reason) {
			super(reason.code(), null, false, false);
			this.reason = reason;
		}
	}
}
