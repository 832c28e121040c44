package health.stride.fhir.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianSummary;
import health.stride.careteams.License;
import health.stride.patients.PatientId;

/**
 * {@code Practitioner}: a therapist or coach of the clinic, named as patients see them, with each state
 * license or PT Compact privilege as a qualification. Who reads which: {@link ClinicianAccess}.
 */
@Component
class PractitionerResources implements ResourceProvider<Practitioner> {

	private final ClinicianAccess clinicians;
	private final RecordTexts texts;

	PractitionerResources(ClinicianAccess clinicians, RecordTexts texts) {
		this.clinicians = clinicians;
		this.texts = texts;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Practitioner;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "identifier", "name");
	}

	@Override
	public Optional<Practitioner> read(String id, Requester requester) {
		return Ids.uuid(id).flatMap(it -> clinicians.find(it, requester)).map(this::practitioner);
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var name = search.value("name").orElse(null);
		var id = clinicianId(search);
		if (id.isPresent()) {
			var found = id.get().flatMap(it -> read(it, requester))
					.filter(it -> name == null || RecordSystems.nameMatches(it.getNameFirstRep().getText(), name))
					.stream().toList();
			return SearchResult.page(found, search);
		}
		var page = clinicians.page(name, search.offset(), search.count(), requester);
		return new SearchResult(page.clinicians().stream().map(this::practitioner).toList(), List.of(), page.more(), null);
	}

	/**
	 * The one clinician a search names by {@code _id} or by {@code identifier} (Stride's clinician id), if it
	 * names one; an empty inner value when the two disagree or the identifier is of another system.
	 */
	static Optional<Optional<String>> clinicianId(SearchRequest search) {
		var id = search.value("_id");
		var identifier = search.value("identifier").map(RecordSystems.Token::parse);
		if (identifier.isEmpty()) {
			return id.map(Optional::of);
		}
		var token = identifier.get();
		var matches = (token.system() == null || token.system().equals(RecordSystems.CLINICIAN_ID))
				&& id.map(token.code()::equals).orElse(true);
		return Optional.of(matches ? Optional.of(token.code()) : Optional.empty());
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return clinicians.careTeam(patient).stream().map(this::practitioner).toList();
	}

	Practitioner practitioner(ClinicianSummary clinician) {

		var practitioner = new Practitioner();
		practitioner.setId(clinician.id().id().toString());
		practitioner.addIdentifier().setSystem(RecordSystems.CLINICIAN_ID).setValue(clinician.id().id().toString());
		practitioner.setActive(clinician.active());
		practitioner.addName().setText(clinician.displayName());
		for (var license : clinician.licenses()) {
			var qualification = practitioner.addQualification();
			qualification.addIdentifier().setSystem(RecordSystems.LICENSE_NUMBER + license.state())
					.setValue(license.number())
					.setType(RecordSystems.concept(RecordSystems.IDENTIFIER_TYPE, "LN", "License number"));
			var kind = kind(license);
			var display = texts.of("fhir.record.license-kind." + kind);
			qualification.getCode().addCoding(new Coding(RecordSystems.LICENSE_KIND, kind, display));
			qualification.getCode().setText(texts.of("fhir.record.license", display, license.state()));
			qualification.getPeriod().setEndElement(new DateTimeType(license.expiresOn().toString()));
			qualification.setIssuer(new Reference().setDisplay(texts.of("fhir.record.license-issuer", license.state())));
		}
		return practitioner;
	}

	private static String kind(License license) {
		return switch (license.kind()) {
			case LICENSE -> "license";
			case COMPACT_PRIVILEGE -> "compact-privilege";
		};
	}
}
