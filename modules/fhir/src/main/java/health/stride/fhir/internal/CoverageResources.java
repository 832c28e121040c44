package health.stride.fhir.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Coverage.CoverageStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.eligibility.SponsoredMembers;
import health.stride.eligibility.SponsoredMembers.SponsoredMember;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;

/**
 * {@code Coverage}: a sponsor's cover of a patient it enrolled as a roster member, one per enrollment under
 * the enrollment's id. The period runs from the day of enrollment to the last day covered (open while the
 * roster names no end); the cover is cancelled once that day has passed in the clinic's time zone.
 */
@Component
class CoverageResources implements ResourceProvider<Coverage> {

	private static final String RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";

	private final PatientAccess access;
	private final SponsoredMembers members;
	private final SponsorManagement sponsors;
	private final ClinicRegistry clinics;
	private final java.time.Clock clock;

	CoverageResources(PatientAccess access, SponsoredMembers members, SponsorManagement sponsors,
			ClinicRegistry clinics, java.time.Clock clock) {
		this.access = access;
		this.members = members;
		this.sponsors = sponsors;
		this.clinics = clinics;
		this.clock = clock;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Coverage;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "beneficiary", "patient");
	}

	@Override
	public Optional<Coverage> read(String id, Requester requester) {
		return Ids.uuid(id).map(EnrollmentId::new).flatMap(members::find)
				.filter(member -> access.mayRead(new PatientId(member.patientId()), PatientAccess.Part.RECORD, type(),
						requester))
				.flatMap(member -> coverage(member, requester));
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		if (PatientSearches.byIdAlone(search, "beneficiary", "patient")) {
			var found = read(search.value("_id").orElseThrow(), requester).stream().toList();
			access.recordSearch(type(), found.stream().map(it -> patientOf(it).id()).toList());
			return SearchResult.page(found, search);
		}
		var patient = PatientSearches.patientOf(search, requester, "beneficiary", "patient");
		if (patient.isEmpty() || !access.mayRead(patient.get(), PatientAccess.Part.RECORD, type(), requester)) {
			return SearchResult.empty();
		}
		var id = search.value("_id");
		var found = members.ofPatient(patient.get().id()).stream()
				.filter(it -> id.map(it.enrollment().id().toString()::equals).orElse(true))
				.flatMap(it -> coverage(it, requester).stream()).toList();
		access.recordSearch(type(), found.isEmpty() ? List.of() : List.of(patient.get().id()));
		return SearchResult.page(found, search);
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return members.ofPatient(patient.id()).stream().flatMap(it -> coverage(it, requester).stream()).toList();
	}

	private static PatientId patientOf(Coverage coverage) {
		return new PatientId(java.util.UUID.fromString(coverage.getBeneficiary().getReferenceElement().getIdPart()));
	}

	private Optional<Coverage> coverage(SponsoredMember member, Requester requester) {
		var clinic = clinics.find(requester.clinic());
		return sponsors.find(member.sponsor()).flatMap(sponsor -> clinic.map(it -> coverage(member, sponsor, it)));
	}

	private Coverage coverage(SponsoredMember member, SponsorSummary sponsor, Clinic clinic) {

		var today = LocalDate.now(clock.withZone(clinic.timeZone()));
		var ended = member.coverageEndsOn() != null && today.isAfter(member.coverageEndsOn());
		var patient = RecordSystems.patient(new PatientId(member.patientId()));

		var coverage = new Coverage();
		coverage.setId(member.enrollment().id().toString());
		coverage.addIdentifier().setSystem(RecordSystems.memberIdSystem(sponsor.code())).setValue(member.memberId())
				.setType(RecordSystems.concept(RecordSystems.IDENTIFIER_TYPE, "MB", "Member Number"))
				.setAssigner(RecordSystems.sponsor(sponsor));
		coverage.setStatus(ended ? CoverageStatus.CANCELLED : CoverageStatus.ACTIVE);
		coverage.setSubscriber(patient.copy());
		coverage.setSubscriberId(member.memberId());
		coverage.setBeneficiary(patient);
		coverage.setRelationship(RecordSystems.concept(RELATIONSHIP, "self", "Self"));
		var enrolledOn = member.enrolledAt().atZone(clinic.timeZone()).toLocalDate();
		var endsOn = member.coverageEndsOn();
		// a roster may end the cover on a day before the enrollment; the period never runs backwards
		var start = endsOn != null && endsOn.isBefore(enrolledOn) ? endsOn : enrolledOn;
		coverage.getPeriod().setStartElement(new DateTimeType(start.toString()));
		if (endsOn != null) {
			coverage.getPeriod().setEndElement(new DateTimeType(endsOn.toString()));
		}
		coverage.addPayor(RecordSystems.sponsor(sponsor));
		return coverage;
	}
}
