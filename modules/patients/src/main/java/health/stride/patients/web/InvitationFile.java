package health.stride.patients.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import health.stride.patients.PatientInvitations.Invitation;
import health.stride.patients.PaymentMethod;

/**
 * A file of invitations: UTF-8 (a BOM allowed), RFC 4180, the header {@link #HEADER} first, at most
 * {@link #MAX_LINES} invitations. What cannot be read as an invitation is reported by line here; the
 * invitations check every field themselves.
 */
final class InvitationFile {

	static final List<String> HEADER = List.of("first_name", "last_name", "date_of_birth", "email", "state", "phone",
			"referral_source", "payment", "payer_name", "payer_member_id", "sponsor_code");

	static final int MAX_LINES = 500;
	private static final int MAX_FIELD_LENGTH = 1_000;

	/** The CSV column of each field the invitations name. */
	static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("firstName", "first_name"),
			Map.entry("lastName", "last_name"), Map.entry("dateOfBirth", "date_of_birth"), Map.entry("email", "email"),
			Map.entry("state", "state"), Map.entry("phone", "phone"), Map.entry("referralSource", "referral_source"),
			Map.entry("payment", "payment"), Map.entry("payerName", "payer_name"),
			Map.entry("payerMemberId", "payer_member_id"), Map.entry("sponsorCode", "sponsor_code"));

	/** A problem of one line (its number in the file, the header being line 1), or of the file (line 0). */
	record LineError(long line, @Nullable String column, MessageSourceResolvable problem) {}

	record Read(List<Invitation> invitations, List<Long> lines, List<LineError> errors) {}

	private InvitationFile() {}

	static Read read(InputStream file) {

		var invitations = new ArrayList<Invitation>();
		var lines = new ArrayList<Long>();
		var errors = new ArrayList<LineError>();
		var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);

		try (var reader = CsvReader.builder().maxBufferSize(16 * 1024).ofCsvRecord(new InputStreamReader(file, decoder))) {
			var header = true;
			for (CsvRecord record : reader) {
				var line = record.getStartingLineNumber();
				if (header) {
					header = false;
					var found = record.getFields().stream().map(it -> it.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT))
							.toList();
					if (!found.equals(HEADER)) {
						errors.add(new LineError(line, null, problem("patients.invitation.file.header", String.join(",", HEADER))));
						return new Read(List.of(), List.of(), errors);
					}
					continue;
				}
				if (record.getFieldCount() == 1 && record.getField(0).isBlank()) {
					continue; // an empty line, e.g. at the end
				}
				if (invitations.size() + errors.size() >= MAX_LINES) {
					errors.add(new LineError(line, null, problem("patients.invitation.file.too-many", MAX_LINES)));
					break;
				}
				if (record.getFieldCount() != HEADER.size()) {
					errors.add(new LineError(line, null, problem("patients.invitation.file.columns", HEADER.size(),
							record.getFieldCount())));
					continue;
				}
				if (record.getFields().stream().anyMatch(it -> it.length() > MAX_FIELD_LENGTH)) {
					errors.add(new LineError(line, null, problem("patients.invitation.file.field-too-long")));
					continue;
				}
				var invitation = invitation(record, line, errors);
				if (invitation != null) {
					invitations.add(invitation);
					lines.add(line);
				}
			}
			if (header) {
				errors.add(new LineError(0, null, problem("patients.invitation.file.empty", String.join(",", HEADER))));
			}
		} catch (CsvParseException | java.io.UncheckedIOException e) {
			var notUtf8 = e.getCause() instanceof CharacterCodingException
					|| e.getCause() != null && e.getCause().getCause() instanceof CharacterCodingException;
			errors.add(new LineError(0, null, problem(notUtf8 ? "patients.invitation.file.not-utf8"
					: "patients.invitation.file.not-csv")));
		} catch (IOException e) {
			errors.add(new LineError(0, null, problem("patients.invitation.file.not-csv")));
		}
		return new Read(invitations, lines, errors);
	}

	private static @Nullable Invitation invitation(CsvRecord record, long line, List<LineError> errors) {

		LocalDate dateOfBirth = null;
		var date = record.getField(2).strip();
		if (!date.isEmpty()) {
			try {
				dateOfBirth = LocalDate.parse(date);
			} catch (DateTimeParseException e) {
				errors.add(new LineError(line, "date_of_birth", problem("patients.invitation.file.date")));
				return null;
			}
		}
		PaymentMethod payment = null;
		var method = record.getField(7).strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
		if (!method.isEmpty()) {
			try {
				payment = PaymentMethod.valueOf(method);
			} catch (IllegalArgumentException e) {
				errors.add(new LineError(line, "payment", problem("patients.invitation.file.payment")));
				return null;
			}
		}
		return new Invitation(record.getField(0), record.getField(1), dateOfBirth, record.getField(3),
				record.getField(4), record.getField(5), record.getField(6), payment, record.getField(8),
				record.getField(9), record.getField(10));
	}

	private static MessageSourceResolvable problem(String code, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { code }, arguments);
	}
}
