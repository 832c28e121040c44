package health.stride.eligibility.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import health.stride.eligibility.CoverageCheckId;
import health.stride.eligibility.Signups;
import health.stride.eligibility.Signups.SignupDetails;
import health.stride.eligibility.UsStates;
import health.stride.platform.i18n.Language;
import health.stride.platform.identity.Accounts.AccountConflict;
import health.stride.platform.identity.Accounts.AccountRejected;
import health.stride.platform.identity.Accounts.AccountsUnavailable;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Signing up over the JSON API with the id of a successful coverage check. The member finishes
 * through the link emailed to them; the answer is the same whether or not they have an account.
 */
@RestController
class SignupApiController {

	private final Signups signups;
	private final SignupLimits limits;
	private final ClinicRegistry clinics;
	private final MessageSource messages;

	SignupApiController(Signups signups, SignupLimits limits, ClinicRegistry clinics, MessageSource messages) {
		this.messages = messages;
		this.signups = signups;
		this.limits = limits;
		this.clinics = clinics;
	}

	record SignupRequest(@NotBlank(message = "{eligibility.signup.clinic.required}") @Nullable String clinic,
			@NotNull(message = "{eligibility.signup.check-id.required}") @Nullable UUID checkId,
			@NotBlank(message = "{eligibility.signup.username.required}")
			@Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,39}", message = "{eligibility.signup.username.invalid}")
			@Nullable String username,
			@NotBlank(message = "{eligibility.signup.email.required}") @Email(message = "{eligibility.signup.email.invalid}")
			@Nullable String email,
			@NotBlank(message = "{eligibility.signup.password.required}")
			@Size(min = 12, max = 128, message = "{eligibility.signup.password.length}") @Nullable String password,
			@NotBlank(message = "{eligibility.signup.state.required}") @Nullable String state,
			@NotBlank(message = "{eligibility.signup.time-zone.required}") @Nullable String timeZone,
			@Pattern(regexp = "en|es", message = "{eligibility.signup.language.invalid}") @Nullable String language) {

		/** English unless the member asked for Spanish. */
		Language chosenLanguage() {
			return language == null ? Language.ENGLISH : Language.ofTag(language).orElse(Language.ENGLISH);
		}

		@Override
		public String toString() {
			return "SignupRequest[username=" + username + "]";
		}
	}

	/** The one answer to every signup that got this far. */
	record Accepted(String status, String detail) {}

	@PostMapping("/api/signups")
	@PreAuthorize("permitAll()")
	ResponseEntity<?> signUp(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {

		if (!limits.allow(http.getRemoteAddr())) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header("Retry-After", String.valueOf(limits.secondsUntilReset()))
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
							text("eligibility.api.too-many-signups")));
		}

		var clinic = CoverageForm.clinic(request.clinic(), clinics);
		if (clinic.isEmpty()) {
			return problem(HttpStatus.NOT_FOUND, text("eligibility.api.no-such-clinic"));
		}
		if (!UsStates.isState(request.state()) || !UsStates.TIME_ZONES.contains(request.timeZone())) {
			return problem(HttpStatus.BAD_REQUEST,
					text("eligibility.api.state-and-time-zone", String.join(", ", UsStates.TIME_ZONES)));
		}

		try {
			CurrentTenant.runAs(clinic.get(), () -> signups.signUp(new CoverageCheckId(request.checkId()),
					new SignupDetails(request.username(), request.email(), request.password(), request.state(),
							request.timeZone(), request.chosenLanguage())));
			return ResponseEntity.status(HttpStatus.ACCEPTED)
					.body(new Accepted("CHECK_EMAIL", text("eligibility.api.check-email")));

		} catch (AccountConflict conflict) {
			return problem(HttpStatus.CONFLICT, text("eligibility.signup.conflict"));
		} catch (AccountRejected rejected) {
			return problem(HttpStatus.BAD_REQUEST, text("eligibility.signup.password.weak"));
		} catch (Signups.CheckNotValid refused) {
			return problem(HttpStatus.BAD_REQUEST, text("eligibility.signup.check-not-valid"));
		} catch (AccountsUnavailable unavailable) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, text("eligibility.api.accounts-unavailable"));
		}
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}
}
