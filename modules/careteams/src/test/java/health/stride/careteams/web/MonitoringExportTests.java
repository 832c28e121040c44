package health.stride.careteams.web;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import health.stride.careteams.internal.MonitoringCounts;
import health.stride.careteams.internal.MonitoringPeriod;
import health.stride.careteams.internal.RemoteMonitoring;
import health.stride.patients.PatientId;

/** The biller's file: one line per patient, what they reached as numbers, no cell a spreadsheet would run. */
class MonitoringExportTests {

	static final LocalDate SET_UP = LocalDate.of(2026, 3, 1);

	ResourceBundleMessageSource messages() {
		var messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/careteams/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	RemoteMonitoring.Row row(UUID id, String first, String last, int days, int minutes) {
		return new RemoteMonitoring.Row(new PatientId(id), first, last, LocalDate.of(1986, 4, 12), "Alex Morgan, PT",
				new RemoteMonitoring.SetUp(SET_UP, true, 1, SET_UP),
				MonitoringPeriod.containing(SET_UP, SET_UP).orElseThrow(), new MonitoringCounts(true, days, minutes));
	}

	@Test
	void writesOneLinePerPatientWithTheCodesAsNumbers() {
		var maya = UUID.randomUUID();
		var report = new RemoteMonitoring.Report(SET_UP, SET_UP.plusDays(3), List.of(row(maya, "Maya", "Okafor", 16, 60)), 2);

		var lines = MonitoringController.csv(report, messages(), Locale.ENGLISH).lines().toList();

		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).isEqualTo("\"Patient ID\",\"Last name\",\"First name\",\"Date of birth\",\"Therapist\","
				+ "\"Period start\",\"Period end\",\"Set-up on\",\"Days with data\",\"Treatment minutes\","
				+ "\"98975 set-up in period\",\"98977 16 days or more\",\"98980 20 minutes or more\",\"98981 further units\"");
		assertThat(lines.get(1)).isEqualTo("\"" + maya + "\",\"Okafor\",\"Maya\",\"1986-04-12\",\"Alex Morgan, PT\","
				+ "\"2026-03-01\",\"2026-03-30\",\"2026-03-01\",\"16\",\"60\",\"1\",\"1\",\"1\",\"2\"");
	}

	@Test
	void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
		var report = new RemoteMonitoring.Report(SET_UP, SET_UP, List.of(
				row(UUID.randomUUID(), "+1 555", "=HYPERLINK(\"http://evil.example\",\"x\")", 3, 19),
				row(UUID.randomUUID(), "@SUM(A1)", "-2", 3, 19)), 0);

		var csv = MonitoringController.csv(report, messages(), Locale.ENGLISH);

		assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",\"'+1 555\"")
				.contains("\"'-2\",\"'@SUM(A1)\"").doesNotContain(",\"=").doesNotContain(",\"+").doesNotContain(",\"@");
	}

	@Test
	void namesItsColumnsInTheReadersLanguage() {
		var report = new RemoteMonitoring.Report(SET_UP, SET_UP, List.of(), 0);

		assertThat(MonitoringController.csv(report, messages(), Locale.forLanguageTag("es")))
				.startsWith("\"ID del paciente\",\"Apellidos\"");
	}
}
