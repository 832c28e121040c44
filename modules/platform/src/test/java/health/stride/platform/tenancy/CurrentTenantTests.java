package health.stride.platform.tenancy;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CurrentTenantTests {

	@Test
	void holdsTheTenantOnlyWhileTheActionRuns() {

		assertThat(CurrentTenant.get()).isEmpty();

		var seen = CurrentTenant.callAs(TenantId.of("northside"), CurrentTenant::require);

		assertThat(seen).isEqualTo(TenantId.of("northside"));
		assertThat(CurrentTenant.get()).isEmpty();
	}

	@Test
	void restoresTheOuterTenantAfterANestedOne() {

		CurrentTenant.runAs(TenantId.of("northside"), () -> {
			CurrentTenant.runAs(TenantId.of("lakeside"),
					() -> assertThat(CurrentTenant.require()).isEqualTo(TenantId.of("lakeside")));
			assertThat(CurrentTenant.require()).isEqualTo(TenantId.of("northside"));
		});
	}

	@Test
	void clearsTheTenantWhenTheActionFails() {

		assertThatIllegalArgumentException().isThrownBy(() -> CurrentTenant.runAs(TenantId.of("northside"), () -> {
			throw new IllegalArgumentException("boom");
		}));

		assertThat(CurrentTenant.get()).isEmpty();
	}

	@Test
	void requiresATenantWhenAskedForOne() {
		assertThatIllegalStateException().isThrownBy(CurrentTenant::require);
	}

	@Test
	void acceptsOnlyClinicAliasesAsTenantIds() {

		assertThat(TenantId.of("north-side-2").value()).isEqualTo("north-side-2");

		assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of(""));
		assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of("Northside"));
		assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of("north'; drop table x; --"));
		assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of("-northside"));
	}
}
