package health.stride.app.web;

import org.jspecify.annotations.Nullable;

/** A new version of a consent document's text, as a clinic administrator writes it. */
record ConsentTextForm(@Nullable String english, @Nullable String spanish) {

	static ConsentTextForm empty() {
		return new ConsentTextForm("", "");
	}
}
