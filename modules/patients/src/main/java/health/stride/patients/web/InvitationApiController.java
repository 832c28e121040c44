package health.stride.patients.web;

import java.net.URI;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import health.stride.patients.PatientInvitations;
import health.stride.patients.PatientInvitations.AlreadyInClinic;
import health.stride.patients.PatientInvitations.Invitation;
import health.stride.patients.PaymentMethod;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;

/** A therapist or clinic administrator invites a patient over the API. */
@RestController
class InvitationApiController {

	private final PatientInvitations invitations;
	private final Problems problems;

	InvitationApiController(PatientInvitations invitations, Problems problems) {
		this.invitations = invitations;
		this.problems = problems;
	}

	/** Every field is checked by the invitations, which name each one that is missing or wrong. */
	record InvitationRequest(@Nullable String firstName, @Nullable String lastName, @Nullable LocalDate dateOfBirth,
			@Nullable String email, @Nullable String state, @Nullable String phone, @Nullable String referralSource,
			@Nullable String payment, @Nullable String payerName, @Nullable String payerMemberId,
			@Nullable String sponsorCode) {

		/** The invitation; a payment method that is none of the three is named like any wrong field. */
		Invitation invitation() {
			PaymentMethod method = null;
			if (payment != null) {
				try {
					method = PaymentMethod.valueOf(payment);
				} catch (IllegalArgumentException unknown) {
					new FieldErrors().reject("payment", "patients.invitation.payment.required").throwIfAny();
				}
			}
			return new Invitation(firstName, lastName, dateOfBirth, email, state, phone, referralSource, method,
					payerName, payerMemberId, sponsorCode);
		}

		@Override
		public String toString() {
			return "InvitationRequest[" + payment + "]"; // no personal details in logs
		}
	}

	record Invited(String patientId) {}

	@PostMapping("/api/patients")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	ResponseEntity<?> invite(@RequestBody InvitationRequest request) {
		try {
			var patient = invitations.invite(request.invitation(), CurrentUser.require().username());
			return ResponseEntity.created(URI.create("/api/patients/" + patient.id()))
					.body(new Invited(patient.id().toString()));
		} catch (AlreadyInClinic existing) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					problems.text("patients.invitation.api.already-in-clinic"));
			problem.setProperty("patientId", existing.patient().id().toString());
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		} catch (Accounts.AccountsUnavailable unavailable) {
			return problems.of(HttpStatus.SERVICE_UNAVAILABLE, "patients.invitation.accounts-unavailable");
		}
	}
}
