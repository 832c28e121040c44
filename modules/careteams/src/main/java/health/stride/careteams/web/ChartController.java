package health.stride.careteams.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.careteams.internal.EpisodeViews;
import health.stride.careteams.internal.PatientChart;
import health.stride.careteams.internal.ScreeningViews;
import health.stride.careteams.internal.RemoteMonitoring;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.patients.PatientStatus;
import health.stride.patients.Payment;
import health.stride.patients.PaymentMethod;
import health.stride.patients.RedFlags;
import health.stride.platform.security.CurrentUser;
import health.stride.programs.Plans;

/**
 * The patient chart, rendered from one query ({@link PatientChart}), and what a clinician does from
 * it: clear a red flag, assign a plan, change the patient's status. For anyone who may not open the
 * chart the patient does not exist. Every opening is audited by the patients module.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
class ChartController {

	private final PatientChart charts;
	private final PatientDirectory directory;
	private final RedFlags redFlags;
	private final Plans plans;
	private final MessageSource messages;
	private final EpisodeViews episodes;
	private final ScreeningViews screenings;
	private final RemoteMonitoring monitoring;

	ChartController(PatientChart charts, PatientDirectory directory, RedFlags redFlags, Plans plans,
			MessageSource messages, EpisodeViews episodes, ScreeningViews screenings, RemoteMonitoring monitoring) {
		this.episodes = episodes;
		this.screenings = screenings;
		this.monitoring = monitoring;
		this.charts = charts;
		this.directory = directory;
		this.redFlags = redFlags;
		this.plans = plans;
		this.messages = messages;
	}

	@GetMapping("/patients/{patientId}")
	String chart(@PathVariable UUID patientId, Model model) {
		var chart = charts.of(new PatientId(patientId), CurrentUser.require(), LocaleContextHolder.getLocale())
				.orElseThrow(ChartController::noSuchPatient);
		model.addAttribute("chart", chart);
		model.addAttribute("episodes", episodes.panel(chart.patient(), CurrentUser.require(), LocaleContextHolder.getLocale()));
		model.addAttribute("mood", screenings.panel(chart.patient(), CurrentUser.require(), LocaleContextHolder.getLocale()));
		model.addAttribute("monitoring", monitoring.summary(chart.patient(), CurrentUser.require()));
		model.addAttribute("monitoringDates", java.time.format.DateTimeFormatter
				.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale()));
		return "careteams/chart";
	}

	@PostMapping("/patients/{patientId}/red-flags/{reportId}/clearance")
	@PreAuthorize("hasRole('THERAPIST')")
	String clear(@PathVariable UUID patientId, @PathVariable UUID reportId, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {

		var record = open(patientId);
		if (note.isBlank() || note.strip().length() > RedFlags.MAX_NOTE) {
			flash(redirect, "careteams.chart.flash.clear-note", RedFlags.MAX_NOTE);
		} else if (redFlags.clear(record.id(), reportId, note)) {
			flash(redirect, "careteams.chart.flash.cleared");
		} else {
			flash(redirect, "careteams.chart.flash.cleared-already");
		}
		return "redirect:/patients/" + patientId;
	}

	@PostMapping("/patients/{patientId}/plan")
	@PreAuthorize("hasRole('THERAPIST')")
	String assignPlan(@PathVariable UUID patientId, @RequestParam(required = false) @Nullable UUID template,
			RedirectAttributes redirect) {

		var record = open(patientId);
		if (template == null) {
			flash(redirect, "careteams.chart.flash.choose-template");
			return "redirect:/patients/" + patientId;
		}
		try {
			var plan = plans.assign(record.id(), template, CurrentUser.require());
			flash(redirect, "careteams.chart.flash.plan-assigned", plan.name(), plan.version());
		} catch (Plans.NotYourPatient notYours) {
			throw noSuchPatient();
		} catch (IllegalArgumentException noTemplate) {
			flash(redirect, "careteams.chart.flash.no-template");
		}
		return "redirect:/patients/" + patientId;
	}

	@PostMapping("/patients/{patientId}/status")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String changeStatus(@PathVariable UUID patientId, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {

		var record = open(patientId);
		var next = java.util.Arrays.stream(PatientStatus.values()).filter(it -> it.name().equals(status)).findFirst();
		if (next.filter(it -> it == PatientStatus.DISCHARGED).isPresent() || record.status() == PatientStatus.DISCHARGED) {
			// discharge and return are episodes of care, with their own forms
			flash(redirect, "careteams.chart.flash.status-use-episodes");
		} else if (next.isEmpty() || next.get() == PatientStatus.ONBOARDING || reason.isBlank() || reason.length() > 500) {
			flash(redirect, "careteams.chart.flash.status-invalid");
		} else if (directory.changeStatus(record.id(), next.get(), reason.strip())) {
			flash(redirect, "careteams.chart.flash.status-changed." + next.get().name());
		} else {
			flash(redirect, "careteams.chart.flash.status-already." + next.get().name());
		}
		return "redirect:/patients/" + patientId;
	}

	/** Moves a patient (typically one whose sponsored cover ends) to self-pay or insurance. */
	@PostMapping("/patients/{patientId}/payment")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String changePayment(@PathVariable UUID patientId, @RequestParam(defaultValue = "") String method,
			@RequestParam(defaultValue = "") String payerName, @RequestParam(defaultValue = "") String payerMemberId,
			RedirectAttributes redirect) {

		var name = payerName.strip();
		var memberId = payerMemberId.strip();
		String problem = null;
		Payment payment = null;
		if (method.equals(PaymentMethod.SELF_PAY.name())) {
			payment = Payment.selfPay();
		} else if (!method.equals(PaymentMethod.INSURANCE.name())) {
			problem = "careteams.chart.flash.payment-method";
		} else if (name.isEmpty()) {
			problem = "careteams.chart.flash.payer-required";
		} else if (name.length() > MAX_PAYER_NAME || memberId.length() > MAX_PAYER_MEMBER_ID) {
			problem = "careteams.chart.flash.payer-too-long";
		} else {
			payment = Payment.insurance(name, memberId.isEmpty() ? null : memberId);
		}

		if (payment == null) {
			open(patientId); // who may not see the patient learns nothing, not even that the form was wrong
			flash(redirect, java.util.Objects.requireNonNull(problem), MAX_PAYER_NAME, MAX_PAYER_MEMBER_ID);
		} else if (charts.changePayment(new PatientId(patientId), CurrentUser.require(), payment)) {
			flash(redirect, "careteams.chart.flash.payment-changed." + payment.method().name());
		} else {
			throw noSuchPatient();
		}
		return "redirect:/patients/" + patientId + "#coverage";
	}

	/** As the patients module's columns allow. */
	static final int MAX_PAYER_NAME = 200;
	static final int MAX_PAYER_MEMBER_ID = 100;

	private PatientRecord open(UUID patientId) {
		return charts.open(new PatientId(patientId), CurrentUser.require()).orElseThrow(ChartController::noSuchPatient);
	}

	private void flash(RedirectAttributes redirect, String code, Object... arguments) {
		redirect.addFlashAttribute("flash", messages.getMessage(code, arguments, LocaleContextHolder.getLocale()));
	}

	private static ResponseStatusException noSuchPatient() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
	}
}
