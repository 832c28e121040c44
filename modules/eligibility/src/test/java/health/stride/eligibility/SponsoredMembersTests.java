package health.stride.eligibility;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;

import health.stride.eligibility.SponsoredMembers.SponsoredMember;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Which roster member a sponsored patient is, found by enrollment, by patient and by member id, in one clinic. */
@ApplicationModuleTest
class SponsoredMembersTests {

	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	private final RosterImports rosters;
	private final SponsorManagement sponsors;
	private final ClinicEnrollments enrollments;
	private final SponsoredMembers members;
	private final ClinicRegistry clinics;

	private TenantId clinic;
	private SponsorSummary acme;
	private SponsorSummary cascade;

	SponsoredMembersTests(RosterImports rosters, SponsorManagement sponsors, ClinicEnrollments enrollments,
			SponsoredMembers members, ClinicRegistry clinics) {
		this.rosters = rosters;
		this.sponsors = sponsors;
		this.enrollments = enrollments;
		this.members = members;
		this.clinics = clinics;
	}

	@BeforeEach
	void twoSponsorsWithRosters() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		acme = CurrentTenant.callAs(clinic, () -> sponsors.register(SponsorCode.of("ACME"), "Acme", SponsorKind.EMPLOYER, null, null));
		cascade = CurrentTenant.callAs(clinic,
				() -> sponsors.register(SponsorCode.of("CASCADE"), "Cascade", SponsorKind.HEALTH_PLAN, null, null));
		RosterFixtures.importRoster(rosters, clinic, acme, RosterFixtures.HEADER
				+ "M-7,Leo,Fischer,1971-09-03,leo@example.org,2025-01-01," + TODAY.plusDays(60) + "\n"
				+ "M-8,Ada,Moss,1980-02-02,ada@example.org,2025-01-01,\n");
		RosterFixtures.importRoster(rosters, clinic, cascade, RosterFixtures.HEADER
				+ "M-7,Bea,Hart,1990-04-04,bea@example.org,2025-01-01,\n");
	}

	@Test
	void findsAnEnrolledMemberByEnrollmentPatientAndMemberId() {

		var leo = UUID.randomUUID();
		var enrollment = enroll(acme, "M-7", leo);
		var bea = UUID.randomUUID();
		enroll(cascade, "M-7", bea);

		var found = CurrentTenant.callAs(clinic, () -> members.find(enrollment)).orElseThrow();
		assertThat(found.sponsor()).isEqualTo(acme.id());
		assertThat(found.memberId()).isEqualTo("M-7");
		assertThat(found.patientId()).isEqualTo(leo);
		assertThat(found.enrolledAt()).isNotNull();
		assertThat(found.coverageEndsOn()).as("the end the roster names").isEqualTo(TODAY.plusDays(60));
		assertThat(found.toString()).doesNotContain("M-7");

		assertThat(CurrentTenant.callAs(clinic, () -> members.ofPatient(leo))).containsExactly(found);
		assertThat(CurrentTenant.callAs(clinic, () -> members.find(acme.id(), "M-7"))).contains(found);
		assertThat(CurrentTenant.callAs(clinic, () -> members.find(acme.id(), "M-8"))).as("on the roster, not enrolled").isEmpty();
		assertThat(CurrentTenant.callAs(clinic, () -> members.withMemberId("M-7"))).extracting(SponsoredMember::patientId)
				.containsExactlyInAnyOrder(leo, bea);
		assertThat(CurrentTenant.callAs(clinic, () -> members.ofPatient(UUID.randomUUID()))).isEmpty();
	}

	@Test
	void anotherClinicFindsNone() {

		var leo = UUID.randomUUID();
		var enrollment = enroll(acme, "M-7", leo);
		var other = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Other").tenant();

		assertThat(CurrentTenant.callAs(other, () -> members.find(enrollment))).isEmpty();
		assertThat(CurrentTenant.callAs(other, () -> members.ofPatient(leo))).isEmpty();
		assertThat(CurrentTenant.callAs(other, () -> members.find(acme.id(), "M-7"))).isEmpty();
		assertThat(CurrentTenant.callAs(other, () -> members.withMemberId("M-7"))).isEmpty();
	}

	private EnrollmentId enroll(SponsorSummary sponsor, String memberId, UUID patient) {
		return CurrentTenant.callAs(clinic, () -> enrollments.enroll(sponsor.id(), memberId, patient,
				new ClinicEnrollments.EnrolledAccount(UUID.randomUUID().toString(), "user-" + patient, patient + "@example.org",
						"WA", "America/Los_Angeles"))).orElseThrow();
	}
}
