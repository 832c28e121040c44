package health.stride.eligibility.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
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

	SignupApiController(Signups signups, SignupLimits limits, ClinicRegistry clinics) {
		this.signups = signups;
		this.limits = limits;
		this.clinics = clinics;
	}

	record SignupRequest(@NotBlank(message = "Name the clinic.") @Nullable String clinic,
			@NotNull(message = "Give the checkId of a successful coverage check.") @Nullable UUID checkId,
			@NotBlank @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,39}",
					message = "Use 3 to 40 lower-case letters, digits, dots, hyphens or underscores.") @Nullable String username,
			@NotBlank @jakarta.validation.constraints.Email @Nullable String email,
			@NotBlank @jakarta.validation.constraints.Size(min = 12, max = 128) @Nullable String password,
			@NotBlank @Nullable String state, @NotBlank @Nullable String timeZone) {

		@Override
		public String toString() {
			return "SignupRequest[username=" + username + "]";
		}
	}

	/** The one answer to every signup that got this far. */
	record Accepted(String status, String detail) {

		static final Accepted CHECK_EMAIL = new Accepted("CHECK_EMAIL",
				"Check your email: we sent a link to finish creating your account. It is valid for 24 hours.");
	}

	@PostMapping("/api/signups")
	@PreAuthorize("permitAll()")
	ResponseEntity<?> signUp(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {

		if (!limits.allow(http.getRemoteAddr())) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header("Retry-After", String.valueOf(limits.secondsUntilReset()))
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
							"Too many signups. Please try again later."));
		}

		var clinic = CoverageForm.clinic(request.clinic(), clinics);
		if (clinic.isEmpty()) {
			return problem(HttpStatus.NOT_FOUND, "No such clinic.");
		}
		if (!UsStates.isState(request.state()) || !UsStates.TIME_ZONES.contains(request.timeZone())) {
			return problem(HttpStatus.BAD_REQUEST, "Give a US state code (e.g. WA) and one of the US time zones "
					+ String.join(", ", UsStates.TIME_ZONES) + ".");
		}

		try {
			CurrentTenant.runAs(clinic.get(), () -> signups.signUp(new CoverageCheckId(request.checkId()),
					new SignupDetails(request.username(), request.email(), request.password(), request.state(),
							request.timeZone())));
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(Accepted.CHECK_EMAIL);

		} catch (AccountConflict conflict) {
			return problem(HttpStatus.CONFLICT, AccountConflict.MESSAGE);
		} catch (AccountRejected | Signups.CheckNotValid refused) {
			return problem(HttpStatus.BAD_REQUEST, refused.getMessage());
		} catch (AccountsUnavailable unavailable) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE,
					"Accounts cannot be created just now. Please check your coverage again and retry in a moment.");
		}
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}
}
