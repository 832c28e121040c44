package health.stride.fhir.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianRole;
import health.stride.careteams.ClinicianSummary;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;

/**
 * {@code PractitionerRole}: what a clinician does at the clinic (therapist or coach), active while they work
 * there. Each clinician has one, under their own id. Who reads which: {@link ClinicianAccess}.
 */
@Component
class PractitionerRoleResources implements ResourceProvider<PractitionerRole> {

	private final ClinicianAccess clinicians;
	private final ClinicRegistry clinics;
	private final RecordTexts texts;

	PractitionerRoleResources(ClinicianAccess clinicians, ClinicRegistry clinics, RecordTexts texts) {
		this.clinicians = clinicians;
		this.clinics = clinics;
		this.texts = texts;
	}

	@Override
	public ResourceType type() {
		return ResourceType.PractitionerRole;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "practitioner", "organization");
	}

	@Override
	public Optional<PractitionerRole> read(String id, Requester requester) {
		var clinic = clinics.find(requester.clinic()).orElse(null);
		return clinic == null ? Optional.empty()
				: Ids.uuid(id).flatMap(it -> clinicians.find(it, requester)).map(it -> role(it, clinic));
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var clinic = clinics.find(requester.clinic()).orElse(null);
		var organization = search.value("organization")
				.map(it -> it.startsWith("Organization/") ? it.substring("Organization/".length()) : it);
		if (clinic == null || organization.filter(it -> !it.equals(clinic.tenant().value())).isPresent()) {
			return SearchResult.empty(); // every role Stride has is at the requester's clinic
		}

		var id = search.value("_id");
		var practitioner = search.reference("practitioner", "Practitioner");
		if (id.isPresent() || practitioner.isPresent()) {
			var ids = new java.util.HashSet<String>();
			id.ifPresent(ids::add);
			practitioner.ifPresent(it -> ids.add(it.map(java.util.UUID::toString).orElse("")));
			var found = ids.size() == 1 ? read(ids.iterator().next(), requester).stream().toList()
					: List.<PractitionerRole> of();
			return SearchResult.page(found, search);
		}
		var page = clinicians.page(null, search.offset(), search.count(), requester);
		return new SearchResult(page.clinicians().stream().map(it -> role(it, clinic)).toList(), List.of(), page.more(),
				null);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		var clinic = clinics.find(requester.clinic()).orElse(null);
		return clinic == null ? List.of() : clinicians.careTeam(patient).stream().map(it -> role(it, clinic)).toList();
	}

	PractitionerRole role(ClinicianSummary clinician, Clinic clinic) {
		var role = new PractitionerRole();
		role.setId(clinician.id().id().toString());
		role.setActive(clinician.active());
		role.setPractitioner(RecordSystems.practitioner(clinician.id(), clinician.displayName()));
		role.setOrganization(RecordSystems.clinic(clinic));
		role.addCode(code(clinician.role(), texts));
		return role;
	}

	/** What a clinician does on a care team, in Stride's code and, for a therapist, the NUCC taxonomy's. */
	static CodeableConcept code(ClinicianRole role, RecordTexts texts) {
		var display = texts.of("careteams.role." + role.name());
		var code = new CodeableConcept(new Coding(RecordSystems.CLINICIAN_ROLE, role == ClinicianRole.THERAPIST
				? "therapist" : "coach", display)).setText(display);
		if (role == ClinicianRole.THERAPIST) {
			code.addCoding(new Coding(RecordSystems.NUCC_TAXONOMY, "225100000X", "Physical Therapist"));
		}
		return code;
	}
}
