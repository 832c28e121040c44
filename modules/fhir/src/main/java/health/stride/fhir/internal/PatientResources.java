package health.stride.fhir.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Address.AddressUse;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName.NameUse;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.eligibility.SponsoredMembers;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDemographics;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;

/**
 * {@code Patient}: who the patient is, identified by their Stride id and, when a sponsor covers them, by
 * their member id on the sponsor's roster. Searched by {@code _id} and {@code identifier}; without either,
 * the patients the requester reaches, a page at a time from the database.
 */
@Component
class PatientResources implements ResourceProvider<Patient> {

	/** The system of Stride's own patient ids. */
	static final String STRIDE_PATIENT_ID = "https://stride.health/fhir/sid/patient-id";

	private final PatientDirectory patients;
	private final PatientAccess access;
	private final SponsoredMembers members;
	private final SponsorManagement sponsors;
	private final CareTeams careTeams;
	private final ClinicRegistry clinics;

	PatientResources(PatientDirectory patients, PatientAccess access, SponsoredMembers members,
			SponsorManagement sponsors, CareTeams careTeams, ClinicRegistry clinics) {
		this.patients = patients;
		this.access = access;
		this.members = members;
		this.sponsors = sponsors;
		this.careTeams = careTeams;
		this.clinics = clinics;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Patient;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "identifier");
	}

	@Override
	public Optional<Patient> read(String id, Requester requester) {
		return Ids.uuid(id).map(PatientId::new).flatMap(patient -> read(patient, requester));
	}

	private Optional<Patient> read(PatientId patient, Requester requester) {
		return access.open(patient, PatientAccess.Part.RECORD, type(), requester)
				.flatMap(it -> patients.demographics(patient))
				.map(it -> mapping(requester).patient(it));
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {

		var named = named(search);
		if (named.isPresent()) {
			var found = named.get().stream().sorted(java.util.Comparator.comparing(it -> it.id().toString()))
					.flatMap(it -> read(it, requester).stream()).toList();
			access.recordSearch(type(), found.stream().map(PatientResources::idOf).toList());
			return SearchResult.page(found, search);
		}

		var reachable = access.reachable(PatientAccess.Part.RECORD, requester);
		var page = reachable.isEmpty() ? patients.demographicsPage(search.offset(), search.count() + 1)
				: patients.demographicsPage(reachable.get(), search.offset(), search.count() + 1);
		var shown = page.subList(0, Math.min(search.count(), page.size()));
		var mapping = mapping(requester);
		var matches = shown.stream().map(mapping::patient).toList();
		access.recordSearch(type(), shown.stream().map(it -> it.id().id()).toList());
		return new SearchResult(matches, List.of(), page.size() > search.count(), null);
	}

	/**
	 * The patients a search names by {@code _id} and {@code identifier} (both must hold), or nothing when it
	 * names none and so asks for every patient the requester reaches.
	 */
	private Optional<Set<PatientId>> named(SearchRequest search) {

		var id = search.value("_id");
		var identifier = search.value("identifier").map(RecordSystems.Token::parse);
		if (id.isEmpty() && identifier.isEmpty()) {
			return Optional.empty();
		}
		Set<PatientId> named = new LinkedHashSet<>();
		id.flatMap(Ids::uuid).map(PatientId::new).ifPresent(named::add);
		if (identifier.isPresent()) {
			var byIdentifier = identified(identifier.get());
			if (id.isPresent()) {
				named.retainAll(byIdentifier);
			} else {
				named = byIdentifier;
			}
		}
		return Optional.of(named);
	}

	/** The patients with the identifier: their Stride id, or a member id of one sponsor or (no system) of any. */
	private Set<PatientId> identified(RecordSystems.Token token) {

		var found = new LinkedHashSet<PatientId>();
		if (token.system() == null || token.system().equals(STRIDE_PATIENT_ID)) {
			Ids.uuid(token.code()).map(PatientId::new).ifPresent(found::add);
		}
		if (token.system() == null) {
			members.withMemberId(token.code()).forEach(it -> found.add(new PatientId(it.patientId())));
		} else {
			RecordSystems.sponsorOfMemberIdSystem(token.system()).flatMap(sponsors::find)
					.flatMap(sponsor -> members.find(sponsor.id(), token.code()))
					.ifPresent(it -> found.add(new PatientId(it.patientId())));
		}
		return found;
	}

	@Override
	public List<? extends Resource> everything(PatientId patient, Requester requester) {
		return patients.demographics(patient).map(it -> mapping(requester).patient(it)).stream().toList();
	}

	/** The patients another type's search brings along ({@code _include}), their reads decided and audited with it. */
	List<Patient> included(java.util.Collection<PatientId> ids, Requester requester) {
		var mapping = mapping(requester);
		return ids.stream().map(patients::demographics).flatMap(Optional::stream).map(mapping::patient).toList();
	}

	private static UUID idOf(Patient patient) {
		return UUID.fromString(patient.getIdElement().getIdPart());
	}

	private Mapping mapping(Requester requester) {
		return new Mapping(clinics.find(requester.clinic()).orElse(null));
	}

	/** Maps patients for one request: the clinic and its sponsors are read once for all of them. */
	private final class Mapping {

		private final @Nullable Clinic clinic;
		private @Nullable Map<SponsorId, SponsorSummary> sponsorsById;

		Mapping(@Nullable Clinic clinic) {
			this.clinic = clinic;
		}

		Patient patient(PatientDemographics demographics) {

			var summary = demographics.summary();
			var patient = new Patient();
			patient.setId(summary.id().id().toString());
			patient.addIdentifier().setUse(IdentifierUse.USUAL).setSystem(STRIDE_PATIENT_ID)
					.setValue(summary.id().id().toString());
			for (var member : members.ofPatient(summary.id().id())) {
				var sponsor = sponsor(member.sponsor());
				if (sponsor != null) {
					patient.addIdentifier().setUse(IdentifierUse.SECONDARY)
							.setType(RecordSystems.concept(RecordSystems.IDENTIFIER_TYPE, "MB", "Member Number"))
							.setSystem(RecordSystems.memberIdSystem(sponsor.code())).setValue(member.memberId())
							.setAssigner(RecordSystems.sponsor(sponsor));
				}
			}
			patient.setActive(summary.status() != PatientStatus.DISCHARGED);
			patient.addName().setUse(NameUse.OFFICIAL).setFamily(summary.lastName()).addGiven(summary.firstName());
			patient.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue(demographics.email())
					.setUse(ContactPointUse.HOME);
			if (demographics.phone() != null) {
				patient.addTelecom().setSystem(ContactPointSystem.PHONE).setValue(demographics.phone());
			}
			patient.setBirthDateElement(new DateType(summary.dateOfBirth().toString()));
			patient.addAddress().setUse(AddressUse.HOME).setState(summary.state()).setCountry("US");
			if (demographics.language() != null) {
				patient.addCommunication().setPreferred(true)
						.setLanguage(RecordSystems.concept(RecordSystems.LANGUAGE, demographics.language().tag(),
								demographics.language() == Language.SPANISH ? "Spanish" : "English"));
			}
			careTeams.of(summary.id()).map(CareTeam::therapist)
					.ifPresent(therapist -> patient.addGeneralPractitioner(RecordSystems.practitioner(therapist)));
			if (clinic != null) {
				patient.setManagingOrganization(RecordSystems.clinic(clinic));
			}
			return patient;
		}

		private @Nullable SponsorSummary sponsor(SponsorId id) {
			if (sponsorsById == null) {
				sponsorsById = sponsors.all().stream().collect(Collectors.toMap(SponsorSummary::id, Function.identity()));
			}
			return sponsorsById.get(id);
		}
	}
}
