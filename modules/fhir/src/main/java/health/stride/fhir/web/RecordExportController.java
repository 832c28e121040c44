package health.stride.fhir.web;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import health.stride.fhir.internal.ExportReason;
import health.stride.fhir.internal.RecordExports;
import health.stride.fhir.internal.RecordExports.RecordExport;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.CurrentUser;

/**
 * A patient's record as a zip: the patient downloads their own from the portal; a clinic administrator
 * exports one patient's, from the patient's chart, once they chose why. For anyone else, and for another
 * clinic's patient, there is nothing here (404).
 */
@Controller
class RecordExportController {

	static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	private final RecordExports exports;
	private final PatientDirectory patients;

	RecordExportController(RecordExports exports, PatientDirectory patients) {
		this.exports = exports;
		this.patients = patients;
	}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@ModelAttribute("reasons")
	ExportReason[] reasons() {
		return ExportReason.values();
	}

	@GetMapping("/portal/record.zip")
	@PreAuthorize("hasRole('PATIENT')")
	ResponseEntity<byte[]> mine() {
		var export = exports.mine(CurrentUser.require(), fhirBase())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return download(export);
	}

	@GetMapping("/patients/{patientId}/record-export")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String form(@PathVariable UUID patientId, Model model) {
		model.addAttribute("form", ExportForm.empty());
		return page(patientId, model);
	}

	@PostMapping("/patients/{patientId}/record-export")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	ModelAndView export(@PathVariable UUID patientId, @Valid @ModelAttribute("form") ExportForm form,
			BindingResult errors, Model model) {

		if (errors.hasErrors() || form.reason() == null) {
			return new ModelAndView(page(patientId, model));
		}
		var export = exports.onRequest(CurrentUser.require(), new PatientId(patientId), form.reason(), fhirBase())
				.orElseThrow(RecordExportController::noSuchPatient);
		return new ModelAndView(zip(export));
	}

	/** The form, for a patient of the administrator's clinic (opening it is audited as a read of the record). */
	private String page(UUID patientId, Model model) {
		var record = patients.open(new PatientId(patientId), CurrentUser.require())
				.orElseThrow(RecordExportController::noSuchPatient);
		model.addAttribute("patient", record);
		return "fhir/record-export";
	}

	private static ResponseStatusException noSuchPatient() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	private static ResponseEntity<byte[]> download(RecordExport export) {
		return ResponseEntity.ok().contentType(ZIP).headers(headers(export)).cacheControl(CacheControl.noStore())
				.body(export.zip());
	}

	private static HttpHeaders headers(RecordExport export) {
		var headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.attachment().filename(export.fileName()).build());
		return headers;
	}

	/** The zip as the answer to the administrator's form. */
	private static View zip(RecordExport export) {
		return new View() {

			@Override
			public String getContentType() {
				return ZIP.toString();
			}

			@Override
			public void render(java.util.@org.jspecify.annotations.Nullable Map<String, ?> model,
					jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
					throws java.io.IOException {
				response.setContentType(ZIP.toString());
				headers(export).forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
				response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
				response.setContentLength(export.zip().length);
				response.getOutputStream().write(export.zip());
			}
		};
	}

	private static String fhirBase() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").build().toUriString();
	}
}
