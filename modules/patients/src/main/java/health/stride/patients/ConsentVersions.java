package health.stride.patients;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The current version of each consent document ({@code stride.consents.*}). Publishing a new
 * version of a document (its text lives in the portal's consent page) and raising its version here
 * asks every patient to agree again before their next step.
 */
@ConfigurationProperties("stride.consents")
public record ConsentVersions(@DefaultValue("2026-11-01") String telehealth, @DefaultValue("2026-11-01") String privacy) {

	public String of(ConsentDocument document) {
		return switch (document) {
			case TELEHEALTH -> telehealth;
			case PRIVACY -> privacy;
		};
	}
}
