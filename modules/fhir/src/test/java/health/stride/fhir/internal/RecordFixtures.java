package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientInvitations;
import health.stride.patients.PaymentMethod;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.ClinicSettings;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * A clinic's administrative record made through the modules' APIs: a clinic with its support phone and
 * email, two sponsors (Acme, an employer whose roster covers Leo, and Cascade, a health plan), Leo invited as
 * Acme's member M-7 with therapist Alex and coach Rio, who agreed to both consents and to a newer privacy
 * notice; Maya, who pays herself and reads Stride in Spanish; coach Sam, on nobody's team; and a second
 * clinic with its own patient, Zoe.
 */
@Component
class RecordFixtures {

	static final LocalDate LEO_BORN = LocalDate.of(1971, 9, 3);

	private final ClinicRegistry clinics;
	private final SponsorManagement sponsors;
	private final RosterImports rosters;
	private final PatientInvitations invitations;
	private final PatientDirectory patients;
	private final CareTeams careTeams;
	private final Consents consents;
	private final ClinicianManagement clinicians;

	RecordFixtures(ClinicRegistry clinics, SponsorManagement sponsors, RosterImports rosters,
			PatientInvitations invitations, PatientDirectory patients, CareTeams careTeams, Consents consents,
			ClinicianManagement clinicians) {
		this.clinics = clinics;
		this.sponsors = sponsors;
		this.rosters = rosters;
		this.invitations = invitations;
		this.patients = patients;
		this.careTeams = careTeams;
		this.consents = consents;
		this.clinicians = clinicians;
	}

	record World(TenantId clinic, SponsorSummary acme, SponsorSummary cascade, PatientId leo, PatientId maya,
			ClinicianId alex, ClinicianId rio, ClinicianId sam, LocalDate coverEnds, TenantId otherClinic, PatientId zoe) {

		Requester leoHimself() {
			return Requester.patient(user("leo", Role.PATIENT, clinic), clinic, leo);
		}

		Requester mayaHerself() {
			return Requester.patient(user("maya", Role.PATIENT, clinic), clinic, maya);
		}

		Requester therapistAlex() {
			return Requester.user(user("pt.alex", Role.THERAPIST, clinic), clinic);
		}

		Requester coachRio() {
			return Requester.user(user("coach.rio", Role.COACH, clinic), clinic);
		}

		/** A coach of the clinic on nobody's care team. */
		Requester coachSam() {
			return Requester.user(user("coach.sam", Role.COACH, clinic), clinic);
		}

		Requester administrator() {
			return Requester.user(user("admin.nora", Role.CLINIC_ADMIN, clinic), clinic);
		}

		Requester integration() {
			return Requester.system(user("service-account-stride-fhir-" + clinic.value(), Role.PATIENT, clinic), clinic);
		}

		/** A patient of the other clinic, reading there. */
		Requester zoeElsewhere() {
			return Requester.patient(user("zoe", Role.PATIENT, otherClinic), otherClinic, zoe);
		}

		/** Runs as the clinic of the requester, as a request of theirs would. */
		<T> T as(Requester requester, Supplier<T> work) {
			return CurrentTenant.callAs(requester.clinic(), work);
		}
	}

	static StrideUser user(String username, Role role, TenantId clinic) {
		return new StrideUser("sub-" + username, username, List.of(clinic), Set.of(role));
	}

	World world() {

		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Northside Physical Therapy",
				ZoneId.of("America/Los_Angeles"), List.of("OR", "WA")).tenant();
		clinics.describe(clinic, new ClinicSettings("Northside Physical Therapy", ZoneId.of("America/Los_Angeles"),
				List.of("OR", "WA"), "+1 206 555 0100", "care@northside.example.org", 30));
		var coverEnds = LocalDate.now(ZoneId.of("America/Los_Angeles")).plusDays(90);
		var otherClinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Elsewhere PT").tenant();
		var zoe = CurrentTenant.callAs(otherClinic, () -> patients.register(new NewPatient(UUID.randomUUID().toString(),
				"zoe." + UUID.randomUUID(), "Zoe", "Marsh", LocalDate.of(1990, 1, 2), "zoe@example.org", null, "WA",
				"America/Los_Angeles")));

		return CurrentTenant.callAs(clinic, () -> {
			var acme = sponsors.register(SponsorCode.of("ACME"), "Acme Logistics", SponsorKind.EMPLOYER, null, null);
			var cascade = sponsors.register(SponsorCode.of("CASCADE"), "Cascade Health Plan", SponsorKind.HEALTH_PLAN,
					null, null);
			importRoster(clinic, acme, "M-7,Leo,Fischer,1971-09-03,leo@example.org,2025-01-01," + coverEnds + "\n");

			var alex = clinicians.add("pt.alex", "Alex Rivera, PT", ClinicianRole.THERAPIST, List.of(
					new License("WA", LicenseKind.LICENSE, "PT60123456", LocalDate.of(2027, 6, 30)),
					new License("OR", LicenseKind.COMPACT_PRIVILEGE, "PTC-OR-88", LocalDate.of(2027, 1, 31))));
			var rio = clinicians.add("coach.rio", "Rio Park", ClinicianRole.COACH, List.of());
			var sam = clinicians.add("coach.sam", "Sam Lee", ClinicianRole.COACH, List.of());

			var leo = invitations.invite(new PatientInvitations.Invitation("Leo", "Fischer", LEO_BORN,
					"leo.f@example.org", "WA", "+1 206 555 0123", null, PaymentMethod.SPONSOR, null, null, "ACME"),
					"admin.nora");
			careTeams.assign(leo, new CareTeam.Member(alex.id(), "pt.alex", "Alex Rivera, PT"),
					new CareTeam.Member(rio.id(), "coach.rio", "Rio Park"));
			for (var document : ConsentDocument.values()) {
				consents.accept(leo, document, consents.currentVersion(document));
			}
			var notice = consents.publish(ConsentDocument.PRIVACY, "Our new notice of privacy practices.", null,
					"admin.nora");
			consents.accept(leo, ConsentDocument.PRIVACY, notice.version());

			var maya = patients.register(new NewPatient(UUID.randomUUID().toString(), "maya." + UUID.randomUUID(),
					"Maya", "Okafor", LocalDate.of(1984, 3, 14), "maya@example.org", null, "OR", "America/Los_Angeles"));
			patients.changeLanguage(maya, Language.SPANISH);
			return new World(clinic, acme, cascade, leo, maya, alex, rio, sam, coverEnds, otherClinic, zoe);
		});
	}

	/** Replaces the sponsor's roster with these rows and waits for the import to finish. */
	void importRoster(TenantId clinic, SponsorSummary sponsor, String rows) {
		var id = CurrentTenant.callAs(clinic, () -> rosters.submit(sponsor, "roster.csv", new ByteArrayInputStream(
				("member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n" + rows)
						.getBytes(StandardCharsets.UTF_8)), "test"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
				() -> CurrentTenant.callAs(clinic, () -> rosters.report(id)).orElseThrow().status().finished());
	}

	/**
	 * Asserts that the resource validates against the R4 base profiles, and keeps the validator's warnings
	 * (for the list in docs/fhir.md) in target/fhir-validation-warnings.txt.
	 */
	static <R extends Resource> R valid(R resource) {
		assertThat(FhirValidation.errors(resource)).as("validation errors of %s", resource.fhirType()).isEmpty();
		var warnings = FhirValidation.warnings(resource);
		if (!warnings.isEmpty()) {
			try {
				var lines = warnings.stream().map(it -> resource.fhirType() + " " + it + "\n").reduce("", String::concat);
				Files.writeString(Path.of("target", "fhir-validation-warnings.txt"), lines, StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}
		return resource;
	}
}
