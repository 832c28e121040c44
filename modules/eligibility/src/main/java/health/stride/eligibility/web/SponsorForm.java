package health.stride.eligibility.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorSummary;

/** What a clinic administrator types to add or describe a sponsor. */
record SponsorForm(
		@NotBlank(message = "{eligibility.sponsor.code.required}")
		@Pattern(regexp = "\\s*[A-Za-z0-9][A-Za-z0-9-]{1,19}\\s*", message = "{eligibility.sponsor.code.invalid}")
		@Nullable String code,
		@NotBlank(message = "{eligibility.sponsor.name.required}")
		@Size(max = 200, message = "{eligibility.sponsor.name.too-long}")
		@Nullable String name,
		@NotNull(message = "{eligibility.sponsor.kind.required}") @Nullable SponsorKind kind,
		@Size(max = 200, message = "{eligibility.sponsor.contact-name.too-long}") @Nullable String contactName,
		@Email(message = "{eligibility.sponsor.contact-email.invalid}") @Size(max = 254) @Nullable String contactEmail,
		@Nullable Boolean active) {

	/** An unticked checkbox sends nothing. */
	boolean isActive() {
		return Boolean.TRUE.equals(active);
	}

	static SponsorForm empty() {
		return new SponsorForm("", "", SponsorKind.EMPLOYER, "", "", true);
	}

	static SponsorForm of(SponsorSummary sponsor) {
		return new SponsorForm(sponsor.code().value(), sponsor.name(), sponsor.kind(), sponsor.contactName(),
				sponsor.contactEmail(), sponsor.active());
	}
}
