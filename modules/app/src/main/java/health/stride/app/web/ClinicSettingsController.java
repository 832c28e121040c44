package health.stride.app.web;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import health.stride.app.security.IntegrationClients;
import health.stride.eligibility.UsStates;
import health.stride.fhir.AuthorizationServer;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.identity.Accounts.AccountsUnavailable;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicLogo;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;

/**
 * The clinic administrator's settings: how the clinic is described, its logo, its own texts of the
 * consent documents, each published as a new version patients agree to again, and the clinic's FHIR
 * integration client.
 */
@Controller
class ClinicSettingsController {

	/** The US time zones offered first; any other real zone a clinic has stays selectable. */
	static final List<String> TIME_ZONES = UsStates.TIME_ZONES;

	/** The audit trail's names of the changes to the integration client. */
	static final String INTEGRATION_CLIENT = "integration-client";
	static final String INTEGRATION_CLIENT_SECRET = "integration-client-secret";
	static final String INTEGRATION_CLIENT_REMOVED = "integration-client-removed";

	private final ClinicRegistry clinics;
	private final Consents consents;
	private final IntegrationClients integrationClients;
	private final AuthorizationServer authorizationServer;
	private final AuditTrail audit;
	private final MessageSource messages;

	ClinicSettingsController(ClinicRegistry clinics, Consents consents, IntegrationClients integrationClients,
			AuthorizationServer authorizationServer, AuditTrail audit, MessageSource messages) {
		this.clinics = clinics;
		this.consents = consents;
		this.integrationClients = integrationClients;
		this.authorizationServer = authorizationServer;
		this.audit = audit;
		this.messages = messages;
	}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	/** A document's published versions as the page lists them, newest first; none: Stride's default text is current. */
	record DocumentVersions(ConsentDocument document, String formName, String currentVersion, List<VersionRow> published) {}

	record VersionRow(String version, String publishedOn, String publishedBy) {}

	@GetMapping("/admin/settings")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String show(Model model) {
		model.addAttribute("form", ClinicSettingsForm.of(clinic()));
		return page(model);
	}

	@PostMapping("/admin/settings")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String save(@Valid @ModelAttribute("form") ClinicSettingsForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {

		var errors = new FieldErrors();
		var settings = form.settings(errors);
		errors.copyTo(binding);
		if (binding.hasErrors() || settings == null) {
			return page(model);
		}
		clinics.describe(CurrentTenant.require(), settings);
		redirect.addFlashAttribute("flash", text("app.settings.saved"));
		return "redirect:/admin/settings";
	}

	@PostMapping("/admin/settings/logo")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String changeLogo(@RequestParam(name = "logo", required = false) @Nullable MultipartFile file, Model model,
			RedirectAttributes redirect) throws IOException {

		var errors = new FieldErrors();
		// the size first: a file over the limit is not read at all
		ClinicLogo logo = null;
		if (file != null && file.getSize() > ClinicLogo.MAX_BYTES) {
			errors.reject("logo", "platform.logo.too-large", ClinicLogo.MAX_BYTES / 1024);
		} else {
			logo = ClinicLogo.check(file == null ? null : file.getBytes(), file == null ? null : file.getOriginalFilename(),
					"logo", errors);
		}
		if (logo == null) {
			var binding = new BeanPropertyBindingResult(new LogoForm(""), "logoForm");
			errors.copyTo(binding);
			model.addAttribute("logoForm", new LogoForm(""));
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "logoForm", binding);
			model.addAttribute("form", ClinicSettingsForm.of(clinic()));
			return page(model);
		}
		clinics.changeLogo(CurrentTenant.require(), logo);
		redirect.addFlashAttribute("flash", text("app.settings.logo.saved"));
		return "redirect:/admin/settings";
	}

	@PostMapping("/admin/settings/logo/removal")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String removeLogo(RedirectAttributes redirect) {
		clinics.removeLogo(CurrentTenant.require());
		redirect.addFlashAttribute("flash", text("app.settings.logo.removed"));
		return "redirect:/admin/settings";
	}

	@PostMapping("/admin/settings/consents/{document}")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String publish(@PathVariable String document, @ModelAttribute("consentText") ConsentTextForm form, Model model,
			RedirectAttributes redirect) {

		var which = ConsentDocument.parse(document.toUpperCase(Locale.ROOT))
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		try {
			var published = consents.publish(which, form.english(), form.spanish(), CurrentUser.require().username());
			redirect.addFlashAttribute("flash", text("app.settings.consent.published",
					text("patients.consent." + which.name()), published.version()));
			return "redirect:/admin/settings";
		} catch (InvalidInput invalid) {
			var name = formName(which);
			var binding = new BeanPropertyBindingResult(form, name);
			invalid.copyTo(binding);
			model.addAttribute(name, form);
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, binding);
			model.addAttribute("form", ClinicSettingsForm.of(clinic()));
			return page(model);
		}
	}

	/**
	 * The integration client as the page shows it: its client id when the clinic has one (none when Keycloak
	 * could not tell), where it gets tokens and what it reads, and its secret right after it was issued.
	 */
	record IntegrationClientView(boolean known, @Nullable String clientId, String fhirBase, String tokenUrl,
			@Nullable String secret) {}

	/**
	 * Creates the clinic's integration client. Its secret is shown in the answer to this request and nowhere
	 * else: not kept by Stride, not even in the session for a redirect.
	 */
	@PostMapping("/admin/settings/integration-client")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String createIntegrationClient(Model model, RedirectAttributes redirect) {
		var clinic = CurrentTenant.require();
		try {
			var secret = integrationClients.create(clinic);
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, INTEGRATION_CLIENT);
			return withSecret(model, secret, "app.settings.integration.created");
		} catch (IntegrationClients.ClientExists exists) {
			redirect.addFlashAttribute("integrationError", text("app.settings.integration.exists"));
		} catch (AccountsUnavailable unavailable) {
			redirect.addFlashAttribute("integrationError", text("app.settings.integration.unavailable"));
		}
		return "redirect:/admin/settings";
	}

	/** Issues a new secret, shown as on creation; the previous one stops working. */
	@PostMapping("/admin/settings/integration-client/secret")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String renewIntegrationSecret(Model model, RedirectAttributes redirect) {
		var clinic = CurrentTenant.require();
		try {
			var secret = integrationClients.renewSecret(clinic);
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, INTEGRATION_CLIENT_SECRET);
			return withSecret(model, secret, "app.settings.integration.renewed");
		} catch (IntegrationClients.NoClient missing) {
			redirect.addFlashAttribute("integrationError", text("app.settings.integration.missing"));
		} catch (AccountsUnavailable unavailable) {
			redirect.addFlashAttribute("integrationError", text("app.settings.integration.unavailable"));
		}
		return "redirect:/admin/settings";
	}

	@PostMapping("/admin/settings/integration-client/removal")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String deleteIntegrationClient(RedirectAttributes redirect) {
		var clinic = CurrentTenant.require();
		try {
			integrationClients.delete(clinic);
			audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, INTEGRATION_CLIENT_REMOVED);
			redirect.addFlashAttribute("flash", text("app.settings.integration.deleted"));
		} catch (IntegrationClients.NoClient missing) {
			redirect.addFlashAttribute("integrationError", text("app.settings.integration.missing"));
		} catch (AccountsUnavailable unavailable) {
			redirect.addFlashAttribute("integrationError", text("app.settings.integration.unavailable"));
		}
		return "redirect:/admin/settings";
	}

	private String withSecret(Model model, IntegrationClients.Secret secret, String done) {
		model.addAttribute("flash", text(done));
		model.addAttribute("form", ClinicSettingsForm.of(clinic()));
		model.addAttribute("integration", new IntegrationClientView(true, secret.clientId(), fhirBase(),
				authorizationServer.token(), secret.value()));
		return page(model);
	}

	private IntegrationClientView integration() {
		try {
			var client = integrationClients.of(CurrentTenant.require());
			return new IntegrationClientView(true, client.map(IntegrationClients.IntegrationClient::clientId).orElse(null),
					fhirBase(), authorizationServer.token(), null);
		} catch (AccountsUnavailable unavailable) {
			return new IntegrationClientView(false, null, fhirBase(), authorizationServer.token(), null);
		}
	}

	private static String fhirBase() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").build().toUriString();
	}

	/**
	 * The clinic's logo for its own members (the page header shows it), as stored. An SVG cannot
	 * run anything even when opened on its own: the policy below forbids scripts and fetches.
	 */
	@GetMapping("/clinic/logo")
	@PreAuthorize("hasAnyRole('PATIENT','THERAPIST','COACH','CLINIC_ADMIN','SPONSOR_ADMIN')")
	ResponseEntity<byte[]> logo() {

		var logo = CurrentTenant.get().flatMap(clinics::logo)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		var response = ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(logo.type()))
				.cacheControl(CacheControl.noCache().cachePrivate())
				.header("X-Content-Type-Options", "nosniff")
				.header("Content-Disposition", "inline; filename=\"logo" + (logo.isSvg() ? ".svg" : ".png") + "\"");
		if (logo.isSvg()) {
			response = response.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
		}
		return response.body(logo.bytes());
	}

	private String page(Model model) {

		var clinic = clinic();
		model.addAttribute("clinic", clinic);
		model.addAttribute("timeZones", timeZones(clinic));
		model.addAttribute("allStates", UsStates.CODES);
		model.addAttribute("maxLogoKilobytes", ClinicLogo.MAX_BYTES / 1024);
		model.addAttribute("maxConsentLength", Consents.Published.MAX_LENGTH);
		if (!model.containsAttribute("logoForm")) {
			model.addAttribute("logoForm", new LogoForm(""));
		}
		var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(LocaleContextHolder.getLocale())
				.withZone(clinic.timeZone());
		var documents = java.util.Arrays.stream(ConsentDocument.values()).map(document -> {
			if (!model.containsAttribute(formName(document))) {
				model.addAttribute(formName(document), ConsentTextForm.empty());
			}
			var published = consents.history(document).stream()
					.map(it -> new VersionRow(it.version(), day.format(it.publishedAt()), it.publishedBy())).toList();
			return new DocumentVersions(document, formName(document), consents.currentVersion(document), published);
		}).toList();
		model.addAttribute("documents", documents);
		if (!model.containsAttribute("integration")) {
			model.addAttribute("integration", integration());
		}
		return "app/settings";
	}

	private static String formName(ConsentDocument document) {
		return "consent" + document.name().charAt(0) + document.name().substring(1).toLowerCase(Locale.ROOT);
	}

	private static List<String> timeZones(Clinic clinic) {
		var current = clinic.timeZone().getId();
		return TIME_ZONES.contains(current) ? TIME_ZONES
				: java.util.stream.Stream.concat(TIME_ZONES.stream(), java.util.stream.Stream.of(current)).toList();
	}

	private Clinic clinic() {
		return clinics.find(CurrentTenant.require()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}
}
