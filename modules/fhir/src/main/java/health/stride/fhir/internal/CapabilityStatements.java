package health.stride.fhir.internal;

import java.util.Date;
import java.util.Optional;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;

import health.stride.fhir.AuthorizationServer;

/** {@code /fhir/metadata}: what Stride's FHIR server answers, and where its SMART authorization lives. */
@Component
class CapabilityStatements {

	/** SMART's extension naming the authorization server's endpoints in {@code rest.security}. */
	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

	private final FhirResources resources;
	private final Optional<AuthorizationServer> authorization;
	private final Date published = new Date();

	CapabilityStatements(FhirResources resources, Optional<AuthorizationServer> authorization) {
		this.resources = resources;
		this.authorization = authorization;
	}

	CapabilityStatement statement(String base) {

		var statement = new CapabilityStatement()
				.setStatus(PublicationStatus.ACTIVE)
				.setDate(published)
				.setKind(CapabilityStatementKind.INSTANCE)
				.setFhirVersion(FHIRVersion._4_0_1)
				.setPublisher("Stride");
		statement.addFormat("application/fhir+json");
		statement.getSoftware().setName("Stride");
		statement.getImplementation().setDescription("Stride").setUrl(base);

		var rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
		rest.getSecurity().addService(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
		authorization.ifPresent(server -> {
			var uris = rest.getSecurity().addExtension().setUrl(OAUTH_URIS);
			uris.addExtension("authorize", new UriType(server.authorize()));
			uris.addExtension("token", new UriType(server.token()));
		});

		for (var provider : resources.all()) {
			var resource = rest.addResource().setType(provider.type().name());
			resource.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.READ));
			resource.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.SEARCHTYPE));
			if (provider.versioned()) {
				resource.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.VREAD));
				resource.addInteraction(new ResourceInteractionComponent().setCode(TypeRestfulInteraction.HISTORYINSTANCE));
			}
			provider.searchParameters().stream().sorted()
					.forEach(name -> resource.addSearchParam().setName(name).setType(typeOf(name)));
			provider.includes().stream().sorted().forEach(resource::addSearchInclude);
		}
		rest.addOperation().setName("everything")
				.setDefinition("http://hl7.org/fhir/OperationDefinition/Patient-everything");
		return statement;
	}

	/** The kind of a search parameter by its name, as Stride names them. */
	static SearchParamType typeOf(String name) {
		return switch (name) {
			case "subject", "patient", "organization", "practitioner", "payor", "beneficiary", "author", "sender",
					"recipient", "based-on", "questionnaire" -> SearchParamType.REFERENCE;
			case "url" -> SearchParamType.URI;
			case "date", "authored", "sent", "period" -> SearchParamType.DATE;
			case "name", "family", "given" -> SearchParamType.STRING;
			default -> SearchParamType.TOKEN;
		};
	}

}
