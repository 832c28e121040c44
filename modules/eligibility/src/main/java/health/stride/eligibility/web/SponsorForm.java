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
		@NotBlank(message = "Enter the code members will quote, e.g. ACME.")
		@Pattern(regexp = "\\s*[A-Za-z0-9][A-Za-z0-9-]{1,19}\\s*", message = "Use 2 to 20 letters, digits or hyphens.")
		@Nullable String code,
		@NotBlank(message = "Enter the name of the sponsor.") @Size(max = 200, message = "Keep the name under 200 characters.")
		@Nullable String name,
		@NotNull(message = "Choose employer or health plan.") @Nullable SponsorKind kind,
		@Size(max = 200, message = "Keep the name of the contact under 200 characters.") @Nullable String contactName,
		@Email(message = "Enter a valid email address.") @Size(max = 254) @Nullable String contactEmail,
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
