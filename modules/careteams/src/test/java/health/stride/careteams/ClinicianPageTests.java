package health.stride.careteams;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;

import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** The clinic's clinicians a page at a time, by name, with their licenses, found by a word of their name. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
class ClinicianPageTests {

	private final ClinicianManagement clinicians;
	private final ClinicRegistry clinics;

	private TenantId clinic;
	private ClinicianId alex;
	private ClinicianId rio;
	private ClinicianId sam;

	ClinicianPageTests(ClinicianManagement clinicians, ClinicRegistry clinics) {
		this.clinicians = clinicians;
		this.clinics = clinics;
	}

	@BeforeEach
	void threeClinicians() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		var elsewhere = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Elsewhere").tenant();
		CurrentTenant.runAs(elsewhere, () -> clinicians.add("pt.ana", "Ana Rivers, PT", ClinicianRole.THERAPIST, List.of()));
		CurrentTenant.runAs(clinic, () -> {
			sam = clinicians.add("coach.sam", "Sam Lee", ClinicianRole.COACH, List.of());
			alex = clinicians.add("pt.alex", "Alex Rivera, PT", ClinicianRole.THERAPIST, List.of(
					new License("WA", LicenseKind.LICENSE, "PT60123456", LocalDate.now().plusYears(1)),
					new License("OR", LicenseKind.COMPACT_PRIVILEGE, "PTC-OR-88", LocalDate.now().minusDays(1))));
			rio = clinicians.add("coach.rio", "rio Park_x", ClinicianRole.COACH, List.of());
		});
	}

	@Test
	void pagesThroughTheClinicsCliniciansByNameWithTheirLicenses() {

		var first = CurrentTenant.callAs(clinic, () -> clinicians.page(null, 0, 2));
		var rest = CurrentTenant.callAs(clinic, () -> clinicians.page(null, 2, 2));

		assertThat(first).extracting(ClinicianSummary::id).containsExactly(alex, rio);
		assertThat(rest).extracting(ClinicianSummary::id).containsExactly(sam);
		var therapist = first.get(0);
		assertThat(therapist.licenses()).extracting(License::state).containsExactly("OR", "WA");
		assertThat(therapist.licensedStates()).as("the expired privilege does not count").containsExactly("WA");
		assertThat(therapist).isEqualTo(CurrentTenant.callAs(clinic, () -> clinicians.find(alex)).orElseThrow());
		assertThat(first.get(1).licenses()).isEmpty();
	}

	@Test
	void findsCliniciansByTheStartOfAWordOfTheirName() {

		assertThat(names("riv")).containsExactly("Alex Rivera, PT");
		assertThat(names("ALEX")).containsExactly("Alex Rivera, PT");
		assertThat(names("park")).containsExactly("rio Park_x");
		assertThat(names("ivera")).as("not inside a word").isEmpty();
		assertThat(names("%")).as("a wildcard is a character like any other").isEmpty();
		assertThat(names("park_")).containsExactly("rio Park_x");
		assertThat(names("park%")).isEmpty();
		assertThat(names("ana")).as("another clinic's").isEmpty();
	}

	private List<String> names(String name) {
		return CurrentTenant.callAs(clinic, () -> clinicians.page(name, 0, 10)).stream()
				.map(ClinicianSummary::displayName).toList();
	}
}
