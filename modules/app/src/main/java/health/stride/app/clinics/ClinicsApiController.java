package health.stride.app.clinics;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import health.stride.platform.tenancy.TenantId;

/** Clinics over the JSON API, for the platform administrator. */
@RestController
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class ClinicsApiController {

	private final ClinicProvisioning provisioning;
	private final MessageSource messages;

	ClinicsApiController(ClinicProvisioning provisioning, MessageSource messages) {
		this.provisioning = provisioning;
		this.messages = messages;
	}

	record Created(String alias) {}

	@PostMapping("/api/clinics")
	ResponseEntity<?> create(@RequestBody NewClinic clinic) {
		try {
			var tenant = provisioning.create(clinic);
			return ResponseEntity.created(URI.create("/api/clinics/" + tenant.value())).body(new Created(tenant.value()));
		} catch (ClinicConflict conflict) {
			var text = messages.getMessage(conflict.code(), null, LocaleContextHolder.getLocale());
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, text);
			problem.setProperty("errors", List.of(Map.of("field", conflict.field(), "message", text)));
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		} catch (health.stride.platform.identity.Accounts.AccountsUnavailable unavailable) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ProblemDetail.forStatusAndDetail(
					HttpStatus.SERVICE_UNAVAILABLE,
					messages.getMessage("app.clinics.keycloak-unavailable", null, LocaleContextHolder.getLocale())));
		}
	}

	@PostMapping("/api/clinics/{alias}/suspension")
	ResponseEntity<?> suspend(@PathVariable String alias) {
		return answer(alias, true);
	}

	@PostMapping("/api/clinics/{alias}/reactivation")
	ResponseEntity<?> reactivate(@PathVariable String alias) {
		return answer(alias, false);
	}

	private ResponseEntity<?> answer(String alias, boolean suspend) {
		try {
			var clinic = TenantId.of(alias);
			if (suspend) {
				provisioning.suspend(clinic);
			} else {
				provisioning.reactivate(clinic);
			}
			return ResponseEntity.noContent().build();
		} catch (NoSuchElementException | IllegalArgumentException unknown) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					messages.getMessage("app.clinics.unknown", null, LocaleContextHolder.getLocale())));
		}
	}
}
