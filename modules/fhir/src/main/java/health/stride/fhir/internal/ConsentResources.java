package health.stride.fhir.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;

/**
 * {@code Consent}: each version of a consent document the patient agreed to, and when. The one they agreed
 * to last is active, earlier ones are superseded (inactive). Its id is the patient's id, the document and
 * the place of that consent among the patient's consents to the document: {@code <patient>.privacy.2}.
 */
@Component
class ConsentResources implements ResourceProvider<Consent> {

	private static final Pattern ID = Pattern.compile("([0-9a-f-]{36})\\.(telehealth|privacy)\\.([1-9][0-9]{0,5})");
	private static final String SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
	private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/consentcategorycodes";
	private static final String POLICY = "http://terminology.hl7.org/CodeSystem/consentpolicycodes";
	private static final String LOINC = "http://loinc.org";

	private final PatientAccess access;
	private final Consents consents;
	private final ClinicRegistry clinics;
	private final RecordTexts texts;

	ConsentResources(PatientAccess access, Consents consents, ClinicRegistry clinics, RecordTexts texts) {
		this.access = access;
		this.consents = consents;
		this.clinics = clinics;
		this.texts = texts;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Consent;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "patient");
	}

	@Override
	public Optional<Consent> read(String id, Requester requester) {
		var parts = ID.matcher(id);
		if (!parts.matches()) {
			return Optional.empty();
		}
		return Ids.uuid(parts.group(1)).map(PatientId::new)
				.filter(patient -> access.mayRead(patient, PatientAccess.Part.RECORD, type(), requester))
				.flatMap(patient -> consentsOf(patient, requester).stream()
						.filter(it -> it.getIdElement().getIdPart().equals(id)).findFirst());
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		if (PatientSearches.byIdAlone(search, "patient")) {
			var found = read(search.value("_id").orElseThrow(), requester).stream().toList();
			access.recordSearch(type(), found.stream()
					.map(it -> java.util.UUID.fromString(it.getPatient().getReferenceElement().getIdPart())).toList());
			return SearchResult.page(found, search);
		}
		var patient = PatientSearches.patientOf(search, requester, "patient");
		if (patient.isEmpty() || !access.mayRead(patient.get(), PatientAccess.Part.RECORD, type(), requester)) {
			return SearchResult.empty();
		}
		var id = search.value("_id");
		var found = consentsOf(patient.get(), requester).stream()
				.filter(it -> id.map(it.getIdElement().getIdPart()::equals).orElse(true)).toList();
		access.recordSearch(type(), found.isEmpty() ? List.of() : List.of(patient.get().id()));
		return SearchResult.page(found, search);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return consentsOf(patient, requester);
	}

	/** The patient's consents, oldest first, each numbered within its document and marked active or superseded. */
	private List<Consent> consentsOf(PatientId patient, Requester requester) {

		var given = consents.given(patient);
		var clinic = clinics.find(requester.clinic()).orElse(null);
		var resources = new ArrayList<Consent>();
		for (var document : ConsentDocument.values()) {
			var ofDocument = given.stream().filter(it -> it.document() == document).toList();
			for (int place = 0; place < ofDocument.size(); place++) {
				resources.add(consent(patient, ofDocument.get(place), place + 1, place == ofDocument.size() - 1, clinic));
			}
		}
		resources.sort(java.util.Comparator.comparing(Consent::getDateTime));
		return resources;
	}

	private Consent consent(PatientId patient, Consents.Consent given, int place, boolean latest,
			@Nullable Clinic clinic) {

		var document = given.document().name().toLowerCase(Locale.ROOT);
		var title = texts.of("patients.consent." + given.document().name());
		var privacy = given.document() == ConsentDocument.PRIVACY;

		var consent = new Consent();
		consent.setId(patient.id() + "." + document + "." + place);
		consent.setStatus(latest ? ConsentState.ACTIVE : ConsentState.INACTIVE);
		consent.setScope(privacy ? RecordSystems.concept(SCOPE, "patient-privacy", "Privacy Consent")
				: RecordSystems.concept(SCOPE, "treatment", "Treatment"));
		consent.addCategory(RecordSystems.concept(LOINC, "59284-0", "Patient Consent"));
		if (privacy) {
			consent.addCategory(RecordSystems.concept(CATEGORY, "npp", "Notice of Privacy Practices"));
		}
		consent.setPatient(RecordSystems.patient(patient));
		consent.setDateTimeElement(new DateTimeType(Date.from(given.acceptedAt()), TemporalPrecisionEnum.SECOND,
				TimeZone.getTimeZone("UTC")));
		consent.addPerformer(RecordSystems.patient(patient));
		if (clinic != null) {
			consent.addOrganization(RecordSystems.clinic(clinic));
		}
		consent.getSourceAttachment().setTitle(texts.of("fhir.record.consent", title, given.version()));
		// the privacy notice is HIPAA's; the telehealth consent has no code of HL7's, so it keeps Stride's
		consent.setPolicyRule(new CodeableConcept(privacy
				? new Coding(POLICY, "hipaa-npp", "HIPAA Notice of Privacy Practices")
				: new Coding(RecordSystems.CONSENT_DOCUMENT, document, title)).setText(title));
		consent.getProvision().setType(ConsentProvisionType.PERMIT);
		return consent;
	}
}
