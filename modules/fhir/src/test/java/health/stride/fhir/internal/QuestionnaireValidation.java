package health.stride.fhir.internal;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Questionnaire;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * HAPI's validator against the R4 base profiles with Stride's questionnaires loaded, so a QuestionnaireResponse
 * is checked against the items of the Questionnaire it names (linkIds, types, answer options, ranges), not
 * only against the base profile.
 */
final class QuestionnaireValidation {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	/** One validator per set of questionnaires (by language): loading the R4 definitions takes seconds. */
	private static final java.util.Map<String, FhirValidator> VALIDATORS = new java.util.HashMap<>();

	private QuestionnaireValidation() {
	}

	/** The validator's errors (and fatal errors) about the resource, with these questionnaires known. */
	static List<String> errors(IBaseResource resource, List<Questionnaire> questionnaires) {
		return messages(resource, questionnaires).stream()
				.filter(it -> it.getSeverity() == ResultSeverityEnum.ERROR || it.getSeverity() == ResultSeverityEnum.FATAL)
				.map(QuestionnaireValidation::text).toList();
	}

	static List<String> warnings(IBaseResource resource, List<Questionnaire> questionnaires) {
		return messages(resource, questionnaires).stream().filter(it -> it.getSeverity() == ResultSeverityEnum.WARNING)
				.map(QuestionnaireValidation::text).toList();
	}

	private static synchronized List<SingleValidationMessage> messages(IBaseResource resource,
			List<Questionnaire> questionnaires) {
		var key = String.join(",", questionnaires.stream().map(it -> it.getUrl() + "@" + it.getLanguage()).toList());
		return VALIDATORS.computeIfAbsent(key, it -> validator(questionnaires)).validateWithResult(resource).getMessages();
	}

	private static FhirValidator validator(List<Questionnaire> questionnaires) {
		var known = new Known(List.copyOf(questionnaires));
		var support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR), known,
				new CommonCodeSystemsTerminologyService(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
				new SnapshotGeneratingValidationSupport(FHIR));
		var instance = new FhirInstanceValidator(support);
		instance.setAnyExtensionsAllowed(true);
		var validator = FHIR.newValidator();
		validator.registerValidatorModule(instance);
		return validator;
	}

	private static String text(SingleValidationMessage message) {
		return message.getLocationString() + ": " + message.getMessage();
	}

	/** Stride's questionnaires, found by their canonical URL (with or without the version). */
	private record Known(List<Questionnaire> questionnaires) implements IValidationSupport {

		@Override
		public FhirContext getFhirContext() {
			return FHIR;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
			if (type != null && !type.isAssignableFrom(Questionnaire.class)) {
				return null;
			}
			return (T) questionnaires.stream()
					.filter(it -> url.equals(it.getUrl()) || url.equals(it.getUrl() + "|" + it.getVersion())).findFirst()
					.orElse(null);
		}
	}
}
