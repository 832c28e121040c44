package health.stride.eligibility.web;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
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

import health.stride.eligibility.CoverageAnswer;
import health.stride.eligibility.CoverageChecks;
import health.stride.eligibility.CoverageQuestion;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/** The public coverage check of the JSON API, for the signup of a future mobile app. */
@RestController
class CoverageApiController {

	private final CoverageChecks checks;
	private final CoverageCheckLimits limits;
	private final ClinicRegistry clinics;
	private final MessageSource messages;

	CoverageApiController(CoverageChecks checks, CoverageCheckLimits limits, ClinicRegistry clinics,
			MessageSource messages) {
		this.messages = messages;
		this.checks = checks;
		this.limits = limits;
		this.clinics = clinics;
	}

	record CheckRequest(@NotBlank(message = "{eligibility.signup.clinic.required}") @Nullable String clinic,
			@NotBlank(message = "{eligibility.api.sponsor-code.required}") @Size(max = 20) @Nullable String sponsorCode,
			@NotBlank(message = "{eligibility.api.first-name.required}") @Size(max = 256) @Nullable String firstName,
			@NotBlank(message = "{eligibility.api.last-name.required}") @Size(max = 256) @Nullable String lastName,
			@NotNull(message = "{eligibility.api.date-of-birth.required}")
			@Past(message = "{eligibility.api.date-of-birth.required}") @Nullable LocalDate dateOfBirth,
			@Size(max = 64, message = "{eligibility.coverage.member-id.too-long}") @Nullable String memberId,
			@Email(message = "{eligibility.coverage.email.invalid}") @Size(max = 254) @Nullable String email) {}

	record CheckResponse(boolean eligible, String outcome, @Nullable String sponsorName, @Nullable String checkId,
			@Nullable Instant expiresAt) {

		static CheckResponse of(CoverageAnswer answer) {
			return new CheckResponse(answer.eligible(), answer.outcome().name(), answer.sponsorName(),
					answer.checkId() == null ? null : answer.checkId().toString(), answer.expiresAt());
		}
	}

	@PostMapping("/api/coverage-checks")
	@PreAuthorize("permitAll()")
	ResponseEntity<?> check(@Valid @RequestBody CheckRequest request, HttpServletRequest http) {

		var clinic = CoverageForm.clinic(request.clinic(), clinics);
		var sponsor = CoverageForm.sponsorCode(request.sponsorCode());

		if (clinic.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
						messages.getMessage("eligibility.api.no-such-clinic", null, LocaleContextHolder.getLocale())));
		}
		if (!limits.allow(http.getRemoteAddr(), clinic.get(), sponsor)) {
			return tooManyRequests();
		}
		if (sponsor.isEmpty()) {
			return ResponseEntity.ok(CheckResponse.of(CoverageAnswer.notEligible()));
		}

		var question = new CoverageQuestion(sponsor.get(), request.firstName(), request.lastName(),
				request.dateOfBirth(), request.memberId(), request.email());

		return ResponseEntity.ok(CheckResponse.of(CurrentTenant.callAs(clinic.get(), () -> checks.check(question))));
	}

	private ResponseEntity<ProblemDetail> tooManyRequests() {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", String.valueOf(limits.secondsUntilReset()))
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						messages.getMessage("eligibility.api.too-many-checks", null, LocaleContextHolder.getLocale())));
	}
}
