package health.stride.platform.tenancy;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
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

	@Test
	void describesAClinicAndKeepsItsLogoApart() {

		var alias = TenantId.of("clinic-" + UUID.randomUUID());
		clinics.register(alias, "Riverside");

		CurrentTenant.runAs(alias, () -> clinics.describe(alias, new ClinicSettings("Riverside Physio",
				ZoneId.of("America/Denver"), List.of("WA", "CO", "WA"), "+1 303 555 0100", "help@riverside.example", 45)));

		assertThat(clinics.find(alias)).hasValueSatisfying(it -> {
			assertThat(it.name()).isEqualTo("Riverside Physio");
			assertThat(it.timeZone()).isEqualTo(ZoneId.of("America/Denver"));
			assertThat(it.states()).containsExactly("CO", "WA");
			assertThat(it.supportPhone()).hasValue("+1 303 555 0100");
			assertThat(it.supportEmail()).hasValue("help@riverside.example");
			assertThat(it.coverageGracePeriod()).isEqualTo(Duration.ofDays(45));
			assertThat(it.hasLogo()).isFalse();
		});

		var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>".getBytes();
		CurrentTenant.runAs(alias, () -> clinics.changeLogo(alias, new ClinicLogo(svg, ClinicLogo.SVG)));
		assertThat(clinics.find(alias)).hasValueSatisfying(it -> assertThat(it.logoType()).hasValue(ClinicLogo.SVG));
		assertThat(clinics.logo(alias)).hasValueSatisfying(it -> assertThat(it.bytes()).isEqualTo(svg));

		CurrentTenant.runAs(alias, () -> clinics.removeLogo(alias));
		assertThat(clinics.logo(alias)).isEmpty();
		assertThat(clinics.find(alias)).hasValueSatisfying(it -> assertThat(it.hasLogo()).isFalse());
	}
}
