package health.stride.platform.tenancy;

import static org.assertj.core.api.Assertions.*;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class ClinicRegistryTests {

	@Autowired ClinicRegistry clinics;

	@Test
	void registersAClinicUnderItsAlias() {

		var alias = TenantId.of("clinic-" + UUID.randomUUID());

		clinics.register(alias, "  Riverside Physio ");

		assertThat(clinics.find(alias)).hasValueSatisfying(it -> {
			assertThat(it.name()).isEqualTo("Riverside Physio");
			assertThat(it.createdAt()).isNotNull();
		});
		assertThat(clinics.isRegistered(alias)).isTrue();
		assertThat(clinics.all()).extracting(Clinic::tenant).contains(alias);
	}

	@Test
	void refusesASecondClinicWithTheSameAlias() {

		var alias = TenantId.of("clinic-" + UUID.randomUUID());
		clinics.register(alias, "First");

		assertThatIllegalArgumentException().isThrownBy(() -> clinics.register(alias, "Second"))
				.withMessageContaining("already registered");
		assertThat(clinics.find(alias)).map(Clinic::name).hasValue("First");
	}

	@Test
	void refusesAClinicWithoutAName() {

		var alias = TenantId.of("clinic-" + UUID.randomUUID());

		assertThatIllegalArgumentException().isThrownBy(() -> clinics.register(alias, " "));
		assertThat(clinics.isRegistered(alias)).isFalse();
	}
}
