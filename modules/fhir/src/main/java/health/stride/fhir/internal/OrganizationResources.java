package health.stride.fhir.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.eligibility.SponsoredMembers;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;

/**
 * {@code Organization}: the clinic (its id is the clinic's alias) and its sponsors (their ids are the
 * sponsors'). Everyone of the clinic reads the clinic; a patient reads besides only the sponsor that covers
 * them; clinicians, administrators and the clinic's integration read every sponsor of the clinic. Neither
 * is a patient's data, so reading them is not audited.
 */
@Component
class OrganizationResources implements ResourceProvider<Organization> {

	private final ClinicRegistry clinics;
	private final SponsorManagement sponsors;
	private final SponsoredMembers members;

	OrganizationResources(ClinicRegistry clinics, SponsorManagement sponsors, SponsoredMembers members) {
		this.clinics = clinics;
		this.sponsors = sponsors;
		this.members = members;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Organization;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "identifier", "name", "type");
	}

	@Override
	public Optional<Organization> read(String id, Requester requester) {
		if (id.equals(requester.clinic().value())) {
			return clinics.find(requester.clinic()).map(OrganizationResources::clinic);
		}
		return Ids.uuid(id).flatMap(sponsor -> sponsorsOf(requester).filter(it -> it.id().id().equals(sponsor))
				.findFirst()).map(OrganizationResources::sponsor);
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var candidates = new ArrayList<Organization>();
		clinics.find(requester.clinic()).map(OrganizationResources::clinic).ifPresent(candidates::add);
		sponsorsOf(requester).map(OrganizationResources::sponsor).forEach(candidates::add);

		var id = search.value("_id");
		var identifier = search.value("identifier").map(RecordSystems.Token::parse);
		var name = search.value("name");
		var type = search.value("type").map(RecordSystems.Token::parse);
		var matches = candidates.stream()
				.filter(it -> id.isEmpty() || id.get().equals(it.getIdElement().getIdPart()))
				.filter(it -> identifier.isEmpty()
						|| it.getIdentifier().stream().anyMatch(i -> identifier.get().matches(i.getSystem(), i.getValue())))
				.filter(it -> name.isEmpty() || RecordSystems.nameMatches(it.getName(), name.get()))
				.filter(it -> type.isEmpty() || it.getType().stream().flatMap(t -> t.getCoding().stream())
						.anyMatch(c -> type.get().matches(c.getSystem(), c.getCode())))
				.toList();
		return SearchResult.page(matches, search);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		var record = new ArrayList<Organization>();
		clinics.find(requester.clinic()).map(OrganizationResources::clinic).ifPresent(record::add);
		sponsorsOf(patient).map(OrganizationResources::sponsor).forEach(record::add);
		return record;
	}

	/** The sponsors the requester may read: a patient's own, or all of the clinic's. */
	private Stream<SponsorSummary> sponsorsOf(Requester requester) {
		return requester.isPatient() ? sponsorsOf(requester.patient()) : sponsors.all().stream();
	}

	private Stream<SponsorSummary> sponsorsOf(PatientId patient) {
		return members.ofPatient(patient.id()).stream().map(it -> it.sponsor()).distinct()
				.flatMap(it -> sponsors.find(it).stream());
	}

	static Organization clinic(Clinic clinic) {
		var organization = new Organization();
		organization.setId(clinic.tenant().value());
		organization.addIdentifier().setSystem(RecordSystems.CLINIC_ID).setValue(clinic.tenant().value());
		organization.setActive(!clinic.isSuspended());
		organization.addType(RecordSystems.concept(RecordSystems.ORGANIZATION_TYPE, "prov", "Healthcare Provider"));
		organization.setName(clinic.name());
		clinic.supportPhone().ifPresent(phone -> organization.addTelecom().setSystem(ContactPointSystem.PHONE)
				.setValue(phone).setUse(ContactPointUse.WORK));
		clinic.supportEmail().ifPresent(email -> organization.addTelecom().setSystem(ContactPointSystem.EMAIL)
				.setValue(email).setUse(ContactPointUse.WORK));
		return organization;
	}

	static Organization sponsor(SponsorSummary sponsor) {
		var organization = new Organization();
		organization.setId(sponsor.id().id().toString());
		organization.addIdentifier().setSystem(RecordSystems.SPONSOR_CODE).setValue(sponsor.code().value());
		organization.setActive(sponsor.active());
		organization.addType(sponsor.kind() == SponsorKind.HEALTH_PLAN
				? RecordSystems.concept(RecordSystems.ORGANIZATION_TYPE, "ins", "Insurance Company")
				: RecordSystems.concept(RecordSystems.ORGANIZATION_TYPE, "pay", "Payer"));
		organization.setName(sponsor.name());
		return organization;
	}
}
