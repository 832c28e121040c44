package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;

import health.stride.fhir.AuthorizationServer;

/** {@code /fhir/metadata} names the SMART authorization server's endpoints when the application gives them. */
class CapabilityStatementTests {

	static final String BASE = "https://stride.example/fhir";

	@Test
	void namesTheAuthorizationServersEndpointsInSmartsExtension() {

		var statement = new CapabilityStatements(new FhirResources(List.of(new OnePatient())), Optional.of(
				new AuthorizationServer("https://id.example/realms/stride/protocol/openid-connect/auth",
						"https://id.example/realms/stride/protocol/openid-connect/token")))
				.statement(BASE);

		var security = statement.getRestFirstRep().getSecurity();
		assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
		var uris = security.getExtensionByUrl(CapabilityStatements.OAUTH_URIS);
		assertThat(uris).isNotNull();
		assertThat(((UriType) uris.getExtensionByUrl("authorize").getValue()).getValue())
				.isEqualTo("https://id.example/realms/stride/protocol/openid-connect/auth");
		assertThat(((UriType) uris.getExtensionByUrl("token").getValue()).getValue())
				.isEqualTo("https://id.example/realms/stride/protocol/openid-connect/token");
		assertThat(FhirValidation.errors(statement)).isEmpty();
		FhirValidation.warnings(statement).forEach(warning -> System.out.println("FHIR validation warning: " + warning));
	}

	@Test
	void namesNoEndpointWithoutAnAuthorizationServer() {

		var statement = new CapabilityStatements(new FhirResources(List.of(new OnePatient())), Optional.empty())
				.statement(BASE);

		assertThat(statement.getRestFirstRep().getSecurity().getExtensionByUrl(CapabilityStatements.OAUTH_URIS)).isNull();
		assertThat(statement.getRestFirstRep().getResource()).extracting(it -> it.getType()).containsExactly("Patient");
		assertThat(FhirValidation.errors(statement)).isEmpty();
	}

	/** A resource type that answers nothing: the statement only lists it. */
	static class OnePatient implements ResourceProvider<Patient> {

		@Override
		public ResourceType type() {
			return ResourceType.Patient;
		}

		@Override
		public Optional<Patient> read(String id, Requester requester) {
			return Optional.empty();
		}

		@Override
		public Set<String> searchParameters() {
			return Set.of("_id", "identifier");
		}

		@Override
		public SearchResult search(SearchRequest search, Requester requester) {
			return SearchResult.empty();
		}
	}
}
