package health.stride.eligibility.web;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import health.stride.platform.i18n.Language;

/** What a covered member chooses when signing up, the language they read Stride in too. */
record SignupForm(
		@NotBlank(message = "{eligibility.signup.username.required}")
		@Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,39}", message = "{eligibility.signup.username.invalid}")
		@Nullable String username,
		@NotBlank(message = "{eligibility.signup.email.required}") @Email(message = "{eligibility.signup.email.invalid}")
		@Size(max = 254, message = "{eligibility.signup.email.too-long}")
		@Nullable String email,
		@NotBlank(message = "{eligibility.signup.password.required}")
		@Size(min = 12, max = 128, message = "{eligibility.signup.password.length}")
		@Nullable String password,
		@NotBlank(message = "{eligibility.signup.state.required}") @Nullable String state,
		@NotBlank(message = "{eligibility.signup.time-zone.required}") @Nullable String timeZone,
		@Pattern(regexp = "en|es", message = "{eligibility.signup.language.invalid}") @Nullable String language) {

	/** An empty form, in the language the page is read in. */
	static SignupForm empty(Locale locale) {
		return new SignupForm("", "", "", "", "", Language.of(locale).orElse(Language.ENGLISH).tag());
	}

	/** The language chosen; English if none was sent. */
	Language chosenLanguage() {
		return language == null ? Language.ENGLISH : Language.ofTag(language).orElse(Language.ENGLISH);
	}

	@Override
	public String toString() {
		return "SignupForm[username=" + username + "]";
	}
}
