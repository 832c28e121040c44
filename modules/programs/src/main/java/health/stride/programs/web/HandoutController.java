package health.stride.programs.web;

import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.programs.Plans;
import health.stride.programs.internal.HandoutEmails;
import health.stride.programs.internal.Handouts;

/**
 * The home program handout: a PDF of the current plan that the patient's therapist prints from the
 * plan page, or tells the patient about by email, and that the patient downloads from their own plan
 * page. Who may have it is the plan page's rule (the therapist of record; the patient themself);
 * every download is audited as an export of the record. The file's name never names the patient.
 */
@Controller
class HandoutController {

	private final Handouts handouts;
	private final HandoutEmails emails;
	private final Plans plans;
	private final PatientDirectory patients;
	private final AuditTrail audit;
	private final MessageSource messages;

	HandoutController(Handouts handouts, HandoutEmails emails, Plans plans, PatientDirectory patients, AuditTrail audit,
			MessageSource messages) {
		this.handouts = handouts;
		this.emails = emails;
		this.plans = plans;
		this.patients = patients;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/patients/{patientId}/plan/handout")
	@PreAuthorize("hasRole('THERAPIST')")
	ResponseEntity<byte[]> print(@PathVariable UUID patientId, Locale locale) {
		var patient = therapistsOwn(patientId);
		return download(patient, locale);
	}

	@PostMapping("/patients/{patientId}/plan/handout/email")
	@PreAuthorize("hasRole('THERAPIST')")
	String email(@PathVariable UUID patientId, RedirectAttributes redirect, Locale locale) {
		var patient = therapistsOwn(patientId);
		var outcome = emails.send(patient);
		var key = "programs.handout.emailed." + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
		redirect.addFlashAttribute("flash", messages.getMessage(key, null, locale));
		return "redirect:/patients/" + patientId + "/plan/edit";
	}

	@GetMapping("/portal/plan/handout")
	@PreAuthorize("hasRole('PATIENT')")
	ResponseEntity<byte[]> mine(Locale locale) {
		var patient = patients.mine(CurrentUser.require()).map(it -> it.id())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No plan."));
		return download(patient, locale);
	}

	private ResponseEntity<byte[]> download(PatientId patient, Locale locale) {
		var pdf = handouts.pdf(patient)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No plan."));
		audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, patient.id(), "plan-handout");
		var name = messages.getMessage("programs.handout.file-name", null, locale);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
				.header("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString())
				.cacheControl(CacheControl.noStore()).body(pdf);
	}

	/** The patient, if the signed-in therapist is their therapist of record and they have a plan; 404 otherwise. */
	private PatientId therapistsOwn(UUID patientId) {
		var record = patients.open(new PatientId(patientId), CurrentUser.require())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient."));
		try {
			plans.editable(record.id(), CurrentUser.require());
		} catch (Plans.NotYourPatient notYours) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
		}
		return record.id();
	}
}
