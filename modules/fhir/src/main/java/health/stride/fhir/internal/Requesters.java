package health.stride.fhir.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.stereotype.Component;

import health.stride.fhir.FhirClients;
import health.stride.patients.PatientDirectory;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Decides the SMART context of a bearer token: the scopes it was granted ({@code scope}), the client it was
 * issued to ({@code azp}) and the roles of its user. A token carrying no scope that fits its holder reads
 * nothing.
 */
@Component
class Requesters {

	private final PatientDirectory patients;

	Requesters(PatientDirectory patients) {
		this.patients = patients;
	}

	Requester of(Authentication authentication) {

		if (!(authentication.getPrincipal() instanceof ClaimAccessor claims)) {
			throw FhirProblem.forbidden("fhir.problem.scope");
		}
		var clinic = CurrentTenant.get().orElseThrow(() -> FhirProblem.forbidden("fhir.problem.scope"));
		var user = StrideUser.fromClaims(claims);
		var scopes = scopes(claims);
		var client = Optional.ofNullable(claims.getClaimAsString("azp")).orElse("");

		if (scopes.contains(Requester.Context.SYSTEM.scope())
				&& FhirClients.clinicOf(client).filter(clinic::equals).isPresent()) {
			return Requester.system(user, clinic);
		}
		if (scopes.contains(Requester.Context.USER.scope())
				&& user.hasAny(Role.THERAPIST, Role.COACH, Role.CLINIC_ADMIN)) {
			return Requester.user(user, clinic);
		}
		if (scopes.contains(Requester.Context.PATIENT.scope()) && user.has(Role.PATIENT)) {
			var self = patients.idOfUser(user.username()).orElseThrow(() -> FhirProblem.forbidden("fhir.problem.scope"));
			return Requester.patient(user, clinic, self);
		}
		throw FhirProblem.forbidden("fhir.problem.scope");
	}

	private static Set<String> scopes(ClaimAccessor claims) {
		var scope = claims.getClaimAsString("scope");
		return scope == null ? Set.of()
				: Arrays.stream(scope.split(" ")).filter(it -> !it.isBlank()).collect(Collectors.toUnmodifiableSet());
	}

}
