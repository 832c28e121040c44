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
		@NotBlank(message = "Enter the code your employer or health plan gave you.") @Size(max = 20) @Nullable String sponsorCode,
		@NotBlank(message = "Enter your first name.") @Size(max = 256) @Nullable String firstName,
		@NotBlank(message = "Enter your last name.") @Size(max = 256) @Nullable String lastName,
		@NotNull(message = "Enter your date of birth.") @Past(message = "Enter your date of birth.")
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate dateOfBirth,
		@Size(max = 64, message = "A member id has at most 64 characters.") @Nullable String memberId,
		@Email(message = "Enter a valid email address.") @Size(max = 254) @Nullable String email) {

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
