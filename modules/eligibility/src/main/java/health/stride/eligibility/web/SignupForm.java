package health.stride.eligibility.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** What a covered member chooses when signing up. */
record SignupForm(
		@NotBlank(message = "Choose a username.")
		@Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,39}", message = "Use 3 to 40 lower-case letters, digits, dots, hyphens or underscores.")
		@Nullable String username,
		@NotBlank(message = "Enter your email address.") @Email(message = "Enter a valid email address.") @Size(max = 254)
		@Nullable String email,
		@NotBlank(message = "Choose a password.") @Size(min = 12, max = 128, message = "Use at least 12 characters.")
		@Nullable String password,
		@NotBlank(message = "Choose the state you live in.") @Nullable String state,
		@NotBlank(message = "Choose your time zone.") @Nullable String timeZone) {

	static SignupForm empty() {
		return new SignupForm("", "", "", "", "");
	}

	@Override
	public String toString() {
		return "SignupForm[username=" + username + "]";
	}
}
