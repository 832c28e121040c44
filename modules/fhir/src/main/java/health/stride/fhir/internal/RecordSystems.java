package health.stride.fhir.internal;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

import health.stride.careteams.ClinicianId;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorSummary;
import health.stride.patients.CareTeam;
import health.stride.patients.PatientId;
import health.stride.platform.tenancy.Clinic;

/**
 * The identifier systems and code systems of the administrative record (Patient, Practitioner,
 * PractitionerRole, Organization, CareTeam, Coverage, Consent), and the references between those resources.
 */
final class RecordSystems {

	/** Stride's patient ids. */
	static final String PATIENT_ID = PatientResources.STRIDE_PATIENT_ID;
	/** A clinic's alias, which is also its Organization id. */
	static final String CLINIC_ID = "https://stride.health/fhir/sid/clinic";
	/** The code a clinic gives a sponsor. */
	static final String SPONSOR_CODE = "https://stride.health/fhir/sid/sponsor-code";
	/** The member ids of one sponsor's roster: this prefix and the sponsor's code. */
	static final String MEMBER_ID = "https://stride.health/fhir/sid/member-id/";
	/** Stride's clinician ids. */
	static final String CLINICIAN_ID = "https://stride.health/fhir/sid/clinician-id";
	/** The license numbers of one state: this prefix and the state's code. */
	static final String LICENSE_NUMBER = "https://stride.health/fhir/sid/license-number/";

	/** What a clinician does on a care team: {@code therapist}, {@code coach}. */
	static final String CLINICIAN_ROLE = "https://stride.health/fhir/CodeSystem/clinician-role";
	/** How a clinician may treat in a state: {@code license}, {@code compact-privilege}. */
	static final String LICENSE_KIND = "https://stride.health/fhir/CodeSystem/license-kind";
	/** A consent document HL7 has no policy code for: {@code telehealth}. */
	static final String CONSENT_DOCUMENT = "https://stride.health/fhir/CodeSystem/consent-document";

	static final String ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";
	static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
	static final String NUCC_TAXONOMY = "http://nucc.org/provider-taxonomy";
	static final String LANGUAGE = "urn:ietf:bcp:47";

	private RecordSystems() {
	}

	static String memberIdSystem(SponsorCode sponsor) {
		return MEMBER_ID + sponsor.value();
	}

	/** The sponsor whose member ids a system names, if it is one of Stride's member id systems. */
	static Optional<SponsorCode> sponsorOfMemberIdSystem(String system) {
		if (!system.startsWith(MEMBER_ID)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new SponsorCode(system.substring(MEMBER_ID.length())));
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	static Reference patient(PatientId patient) {
		return new Reference("Patient/" + patient.id());
	}

	static Reference clinic(Clinic clinic) {
		return new Reference("Organization/" + clinic.tenant().value()).setDisplay(clinic.name());
	}

	static Reference sponsor(SponsorSummary sponsor) {
		return new Reference("Organization/" + sponsor.id().id()).setDisplay(sponsor.name());
	}

	static Reference practitioner(CareTeam.Member member) {
		return new Reference("Practitioner/" + member.clinicianId()).setDisplay(member.displayName());
	}

	static Reference practitioner(ClinicianId clinician, String displayName) {
		return new Reference("Practitioner/" + clinician.id()).setDisplay(displayName);
	}

	static Reference practitionerRole(ClinicianId clinician, String displayName) {
		return new Reference("PractitionerRole/" + clinician.id()).setDisplay(displayName);
	}

	static CodeableConcept concept(String system, String code, String display) {
		return new CodeableConcept(new Coding(system, code, display));
	}

	/**
	 * A token search parameter: {@code system|code}, {@code code} (any system) or {@code |code} (no system).
	 *
	 * @param system null when any system matches, empty when only a code without a system does
	 */
	record Token(@Nullable String system, String code) {

		static Token parse(String parameter) {
			var bar = parameter.indexOf('|');
			return bar < 0 ? new Token(null, parameter) : new Token(parameter.substring(0, bar), parameter.substring(bar + 1));
		}

		boolean matches(@Nullable String system, @Nullable String code) {
			return this.code.equals(code) && (this.system == null || this.system.equals(system == null ? "" : system));
		}
	}

	/**
	 * Whether a name matches a FHIR string search: the name or one of its words starts with the value, case
	 * and accents ignored.
	 */
	static boolean nameMatches(String name, String value) {
		var wanted = folded(value.strip());
		if (wanted.isEmpty()) {
			return true;
		}
		var folded = folded(name);
		return folded.startsWith(wanted) || java.util.Arrays.stream(folded.split("[\\s,.\\-]+")).anyMatch(it -> it.startsWith(wanted));
	}

	private static String folded(String text) {
		return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
				.toLowerCase(java.util.Locale.ROOT);
	}
}
