package health.stride.fhir.internal;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * HAPI's validator against the R4 base profiles (no terminology server: codes of external systems such as
 * LOINC are not looked up, which the validator reports as warnings or information, never errors). Built
 * once: loading the R4 definitions takes seconds.
 */
public final class FhirValidation {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final FhirValidator VALIDATOR = validator();

	private FhirValidation() {
	}

	private static FhirValidator validator() {
		var support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
				new CommonCodeSystemsTerminologyService(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
				new SnapshotGeneratingValidationSupport(FHIR));
		var instance = new FhirInstanceValidator(support);
		instance.setAnyExtensionsAllowed(true);
		var validator = FHIR.newValidator();
		validator.registerValidatorModule(instance);
		return validator;
	}

	/** The validator's errors (and fatal errors) about the resource, as text; empty when it is valid. */
	public static synchronized List<String> errors(IBaseResource resource) {
		return messages(resource, ResultSeverityEnum.ERROR);
	}

	/** The validator's warnings about the resource, as text, for the docs' list of known warnings. */
	public static synchronized List<String> warnings(IBaseResource resource) {
		return messages(resource, ResultSeverityEnum.WARNING);
	}

	private static List<String> messages(IBaseResource resource, ResultSeverityEnum severity) {
		return VALIDATOR.validateWithResult(resource).getMessages().stream()
				.filter(it -> severity == ResultSeverityEnum.ERROR
						? it.getSeverity() == ResultSeverityEnum.ERROR || it.getSeverity() == ResultSeverityEnum.FATAL
						: it.getSeverity() == severity)
				.map(FhirValidation::text)
				.toList();
	}

	private static String text(SingleValidationMessage message) {
		return message.getLocationString() + ": " + message.getMessage();
	}
}
