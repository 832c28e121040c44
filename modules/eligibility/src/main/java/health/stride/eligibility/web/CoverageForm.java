package health.stride.eligibility.web;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

import health.stride.eligibility.SponsorCode;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.TenantId;

/** What a person types on the public coverage check page. */
record CoverageForm(
		@NotBlank(message = "{eligibility.coverage.sponsor-code.required}") @Size(max = 20) @Nullable String sponsorCode,
		@NotBlank(message = "{eligibility.coverage.first-name.required}") @Size(max = 256) @Nullable String firstName,
		@NotBlank(message = "{eligibility.coverage.last-name.required}") @Size(max = 256) @Nullable String lastName,
		@NotNull(message = "{eligibility.coverage.date-of-birth.required}")
		@Past(message = "{eligibility.coverage.date-of-birth.required}")
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate dateOfBirth,
		@Size(max = 64, message = "{eligibility.coverage.member-id.too-long}") @Nullable String memberId,
		@Email(message = "{eligibility.coverage.email.invalid}") @Size(max = 254) @Nullable String email) {

	static CoverageForm empty() {
		return new CoverageForm("", "", "", null, "", "");
	}

	boolean hasMemberIdOrEmail() {
		return (memberId != null && !memberId.isBlank()) || (email != null && !email.isBlank());
	}

	/** A registered clinic for an alias from a URL or request body. */
	static Optional<TenantId> clinic(@Nullable String alias, ClinicRegistry clinics) {
		try {
			return Optional.ofNullable(alias).map(TenantId::of).filter(clinics::isRegistered);
		} catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}

	/** A sponsor code as typed; a malformed one is simply no sponsor. */
	static Optional<SponsorCode> sponsorCode(@Nullable String typed) {
		try {
			return Optional.of(SponsorCode.of(typed));
		} catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}
}
