package health.stride.patients;

import static org.assertj.core.api.Assertions.*;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import health.stride.platform.i18n.Language;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/** Who a patient is and how to reach them, one at a time and a page at a time, in the current clinic only. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class PatientDemographicsTests {

	/** PostgreSQL orders uuids byte by byte, as their text sorts (Java's UUID compares signed halves). */
	private static final Comparator<PatientId> BY_DATABASE_ORDER = Comparator.comparing(it -> it.id().toString());

	private final PatientDirectory directory;
	private final ClinicRegistry clinics;

	private TenantId clinic;
	private TenantId otherClinic;
	private PatientId maya;
	private PatientId leo;
	private PatientId ada;
	private PatientId zoe;

	PatientDemographicsTests(PatientDirectory directory, ClinicRegistry clinics) {
		this.directory = directory;
		this.clinics = clinics;
	}

	@BeforeEach
	void threePatientsHereAndOneElsewhere() {
		clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Clinic").tenant();
		otherClinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), "Other").tenant();
		maya = CurrentTenant.callAs(clinic, () -> directory.register(patient("Maya", "+1 206 555 0100")));
		leo = CurrentTenant.callAs(clinic, () -> directory.register(patient("Leo", null)));
		ada = CurrentTenant.callAs(clinic, () -> directory.register(patient("Ada", null)));
		zoe = CurrentTenant.callAs(otherClinic, () -> directory.register(patient("Zoe", null)));
		CurrentTenant.runAs(clinic, () -> directory.changeLanguage(maya, Language.SPANISH));
	}

	@Test
	void readsWhoThePatientIsAndHowToReachThem() {

		var demographics = CurrentTenant.callAs(clinic, () -> directory.demographics(maya)).orElseThrow();
		assertThat(demographics.id()).isEqualTo(maya);
		assertThat(demographics.summary().firstName()).isEqualTo("Maya");
		assertThat(demographics.summary().dateOfBirth()).isEqualTo(LocalDate.of(1984, 3, 14));
		assertThat(demographics.email()).isEqualTo("maya@example.org");
		assertThat(demographics.phone()).isEqualTo("+1 206 555 0100");
		assertThat(demographics.language()).isEqualTo(Language.SPANISH);
		assertThat(demographics.toString()).doesNotContain("Maya", "maya@");

		var leos = CurrentTenant.callAs(clinic, () -> directory.demographics(leo)).orElseThrow();
		assertThat(leos.phone()).isNull();
		assertThat(leos.language()).as("never chose").isNull();

		assertThat(CurrentTenant.callAs(clinic, () -> directory.demographics(zoe))).as("another clinic's").isEmpty();
	}

	@Test
	void pagesThroughTheClinicsPatientsInTheOrderOfTheirIds() {

		var inOrder = Stream.of(maya, leo, ada).sorted(BY_DATABASE_ORDER).toList();

		var first = CurrentTenant.callAs(clinic, () -> directory.demographicsPage(0, 2));
		var second = CurrentTenant.callAs(clinic, () -> directory.demographicsPage(2, 2));
		assertThat(ids(first)).containsExactly(inOrder.get(0), inOrder.get(1));
		assertThat(ids(second)).containsExactly(inOrder.get(2));

		var among = CurrentTenant.callAs(clinic, () -> directory.demographicsPage(List.of(ada, maya, zoe), 0, 10));
		assertThat(ids(among)).as("another clinic's patient is left out")
				.containsExactlyElementsOf(Stream.of(ada, maya).sorted(BY_DATABASE_ORDER).toList());
		assertThat(CurrentTenant.callAs(clinic, () -> directory.demographicsPage(List.of(ada, maya), 1, 1))).hasSize(1);
		assertThat(CurrentTenant.callAs(clinic, () -> directory.demographicsPage(List.of(), 0, 10))).isEmpty();
		assertThat(ids(CurrentTenant.callAs(otherClinic, () -> directory.demographicsPage(0, 10)))).containsExactly(zoe);
		assertThatIllegalArgumentException().isThrownBy(() -> CurrentTenant.callAs(clinic, () -> directory.demographicsPage(-1, 10)));
	}

	private static List<PatientId> ids(List<PatientDemographics> page) {
		return page.stream().map(PatientDemographics::id).toList();
	}

	private static NewPatient patient(String firstName, String phone) {
		return new NewPatient(UUID.randomUUID().toString(), firstName.toLowerCase() + "." + UUID.randomUUID(), firstName,
				"Tester", LocalDate.of(1984, 3, 14), firstName.toLowerCase() + "@example.org", phone, "WA",
				"America/Los_Angeles");
	}
}
