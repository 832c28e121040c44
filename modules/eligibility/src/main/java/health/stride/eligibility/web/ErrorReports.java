package health.stride.eligibility.web;

import java.io.StringWriter;
import java.util.Locale;

import org.springframework.context.MessageSource;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.QuoteStrategies;

import health.stride.eligibility.RosterImportReport;

/**
 * The rejected lines of an import as a CSV file for a spreadsheet. Cells that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or carriage return) are prefixed with an
 * apostrophe, so a hostile roster cannot plant one in the administrator's spreadsheet.
 */
final class ErrorReports {

	private ErrorReports() {}

	/** In the language of the request that downloads it. */
	static String csv(RosterImportReport report, MessageSource messages, Locale locale) {

		var out = new StringWriter();
		try (var csv = CsvWriter.builder().quoteStrategy(QuoteStrategies.ALWAYS).build(out)) {
			csv.writeRecord(messages.getMessage("eligibility.roster.errors-csv.line", null, locale),
					messages.getMessage("eligibility.roster.errors-csv.problem", null, locale));
			for (var error : report.errors()) {
				csv.writeRecord(String.valueOf(error.line()), neutralised(error.reason().in(messages, locale)));
			}
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return out.toString();
	}

	static String neutralised(String cell) {
		return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
	}
}
