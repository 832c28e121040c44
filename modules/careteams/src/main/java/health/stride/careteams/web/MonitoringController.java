package health.stride.careteams.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.QuoteStrategies;

import health.stride.careteams.internal.PatientChart;
import health.stride.careteams.internal.RemoteMonitoring;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.InvalidInput;

/**
 * Remote therapeutic monitoring: the clinic's page of the patients who reached a code of the RTM
 * family in their period (the clinic's administrators see every patient and export the file for the
 * biller; a therapist sees their own patients), and on the chart what the therapist of record
 * records: the set-up day, time they entered, and the open chart's heartbeat. Only period dates
 * travel in URLs, never who the patients are.
 */
@Controller
class MonitoringController {

	/** How far back the clinic's page looks, in days. */
	static final int OLDEST_REPORT_DAYS = 730;

	private final RemoteMonitoring monitoring;
	private final PatientChart charts;
	private final MessageSource messages;

	MonitoringController(RemoteMonitoring monitoring, PatientChart charts, MessageSource messages) {
		this.monitoring = monitoring;
		this.charts = charts;
		this.messages = messages;
	}

	/** Time the therapist spent, entered on the chart: what, how many minutes, which day. */
	record TimeForm(
			@NotNull(message = "{careteams.monitoring.activity.invalid}")
			@Pattern(regexp = "CHART_REVIEW|MESSAGE|CALL|VISIT", message = "{careteams.monitoring.activity.invalid}")
			@Nullable String activity,
			@NotNull(message = "{careteams.monitoring.minutes.invalid}")
			@Pattern(regexp = "\\s*\\d{1,3}\\s*", message = "{careteams.monitoring.minutes.invalid}") @Nullable String minutes,
			@NotNull(message = "{careteams.monitoring.date.invalid}")
			@Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "{careteams.monitoring.date.invalid}") @Nullable String date) {}

	/** The set-up and education day, as the therapist confirms it. */
	record SetUpForm(
			@NotNull(message = "{careteams.monitoring.set-up.date.invalid}")
			@Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "{careteams.monitoring.set-up.date.invalid}")
			@Nullable String date) {}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@GetMapping("/patients/monitoring")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String page(@RequestParam(required = false) @Nullable String on, Model model) {
		var today = monitoring.today();
		var day = day(on, today);
		if (day == null) {
			model.addAttribute("problem", messages.getMessage("careteams.monitoring.on.invalid",
					new Object[] { OLDEST_REPORT_DAYS }, LocaleContextHolder.getLocale()));
			day = today;
		}
		var report = monitoring.report(CurrentUser.require(), day);
		model.addAttribute("report", report);
		model.addAttribute("earliest", today.minusDays(OLDEST_REPORT_DAYS));
		model.addAttribute("dates", DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
				.withLocale(LocaleContextHolder.getLocale()));
		return "careteams/monitoring";
	}

	@GetMapping(path = "/patients/monitoring.csv", produces = "text/csv")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	ResponseEntity<String> export(@RequestParam(required = false) @Nullable String on) {
		var today = monitoring.today();
		var day = day(on, today);
		if (day == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "No such period.");
		}
		var report = monitoring.report(CurrentUser.require(), day);
		var body = csv(report, messages, LocaleContextHolder.getLocale());
		monitoring.recordExport(report);
		return ResponseEntity.ok()
				.contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
				.header("Content-Disposition", "attachment; filename=\"rtm-" + day + ".csv\"")
				.header("Cache-Control", "no-store")
				.body(body);
	}

	@PostMapping("/patients/{patientId}/monitoring/set-up")
	@PreAuthorize("hasRole('THERAPIST')")
	String confirmSetUp(@PathVariable UUID patientId, @Valid @ModelAttribute SetUpForm form, BindingResult result,
			RedirectAttributes redirect) {
		var record = open(patientId);
		if (result.hasErrors()) {
			flash(redirect, result);
		} else {
			try {
				if (!monitoring.confirmSetUp(record, CurrentUser.require(), LocalDate.parse(String.valueOf(form.date())))) {
					throw noSuchPatient();
				}
				flash(redirect, "careteams.monitoring.set-up.confirmed");
			} catch (DateTimeParseException invalid) {
				flash(redirect, "careteams.monitoring.set-up.date.invalid");
			} catch (InvalidInput invalid) {
				flash(redirect, invalid);
			}
		}
		return "redirect:/patients/" + patientId + "#monitoring";
	}

	@PostMapping("/patients/{patientId}/monitoring/time")
	@PreAuthorize("hasRole('THERAPIST')")
	String enter(@PathVariable UUID patientId, @Valid @ModelAttribute TimeForm form, BindingResult result,
			RedirectAttributes redirect) {
		var record = open(patientId);
		if (result.hasErrors()) {
			flash(redirect, result);
		} else {
			try {
				var minutes = Integer.parseInt(String.valueOf(form.minutes()).strip());
				if (!monitoring.enter(record, CurrentUser.require(),
						RemoteMonitoring.Activity.valueOf(String.valueOf(form.activity())), minutes,
						LocalDate.parse(String.valueOf(form.date())))) {
					throw noSuchPatient();
				}
				flash(redirect, "careteams.monitoring.time.entered", minutes);
			} catch (DateTimeParseException invalid) {
				flash(redirect, "careteams.monitoring.date.invalid", RemoteMonitoring.OLDEST_ENTRY_DAYS);
			} catch (InvalidInput invalid) {
				flash(redirect, invalid);
			}
		}
		return "redirect:/patients/" + patientId + "#monitoring";
	}

	/** The open chart's heartbeat (htmx, in the background): nothing to show, nothing to answer but 204. */
	@PostMapping("/patients/{patientId}/monitoring/beat")
	@PreAuthorize("hasRole('THERAPIST')")
	ResponseEntity<Void> beat(@PathVariable UUID patientId, @RequestParam(defaultValue = "") String view) {
		var record = open(patientId);
		UUID opened;
		try {
			opened = UUID.fromString(view);
		} catch (IllegalArgumentException notAView) {
			return ResponseEntity.badRequest().build();
		}
		if (!RemoteMonitoring.mayRecord(record, CurrentUser.require())) {
			throw noSuchPatient();
		}
		monitoring.beat(record, CurrentUser.require(), opened);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The report as a file for the clinic's biller: who the patient is (the biller matches them in the
	 * clinic's billing system), the period and what it counted. Cells a spreadsheet would run as a
	 * formula are prefixed with an apostrophe.
	 */
	static String csv(RemoteMonitoring.Report report, MessageSource messages, Locale locale) {
		var out = new StringWriter();
		try (var csv = CsvWriter.builder().quoteStrategy(QuoteStrategies.ALWAYS).build(out)) {
			csv.writeRecord(java.util.stream.Stream.of("patient-id", "last-name", "first-name", "date-of-birth", "therapist",
					"period-start", "period-end", "set-up-on", "days", "minutes", "98975", "98977", "98980", "98981")
					.map(it -> messages.getMessage("careteams.monitoring.csv." + it, null, locale)).toList());
			for (var row : report.reached()) {
				var counts = row.counts();
				csv.writeRecord(java.util.stream.Stream.of(row.patient().id().toString(), row.lastName(), row.firstName(),
						row.dateOfBirth().toString(), row.therapist() == null ? "" : row.therapist(),
						row.period().start().toString(), row.period().end().toString(), row.setUp().on().toString(),
						String.valueOf(counts.daysWithData()), String.valueOf(counts.minutes()),
						counts.setUpInPeriod() ? "1" : "0", counts.reachesDeviceSupply() ? "1" : "0",
						counts.reachesTreatment() ? "1" : "0", String.valueOf(counts.furtherTreatmentUnits()))
						.map(MonitoringController::neutralised).toList());
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toString();
	}

	static String neutralised(String cell) {
		return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
	}

	/** The day asked for (today when none), or null for one that is not a day, in the future or too long ago. */
	private static @Nullable LocalDate day(@Nullable String on, LocalDate today) {
		if (on == null || on.isBlank()) {
			return today;
		}
		try {
			var day = on.length() == 10 ? LocalDate.parse(on) : null;
			return day == null || day.isAfter(today) || day.isBefore(today.minusDays(OLDEST_REPORT_DAYS)) ? null : day;
		} catch (DateTimeParseException notADay) {
			return null;
		}
	}

	private PatientRecord open(UUID patientId) {
		return charts.open(new PatientId(patientId), CurrentUser.require()).orElseThrow(MonitoringController::noSuchPatient);
	}

	private void flash(RedirectAttributes redirect, String code, Object... arguments) {
		redirect.addFlashAttribute("flash", messages.getMessage(code, arguments, LocaleContextHolder.getLocale()));
	}

	private void flash(RedirectAttributes redirect, BindingResult result) {
		var locale = LocaleContextHolder.getLocale();
		redirect.addFlashAttribute("flash", String.join(" ", result.getAllErrors().stream()
				.map(it -> messages.getMessage(it, locale)).distinct().toList()));
	}

	private void flash(RedirectAttributes redirect, InvalidInput invalid) {
		var locale = LocaleContextHolder.getLocale();
		redirect.addFlashAttribute("flash", String.join(" ", invalid.problems().values().stream()
				.map(it -> messages.getMessage(it, locale)).distinct().toList()));
	}

	private static ResponseStatusException noSuchPatient() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
	}
}
