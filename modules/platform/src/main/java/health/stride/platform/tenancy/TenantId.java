package health.stride.platform.tenancy;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * A clinic, as the tenant every clinical record belongs to. Its value is the clinic's Keycloak
 * organization alias (for example {@code northside}), so a token's {@code organization} claim
 * names the tenant directly.
 */
public record TenantId(String value) {

	private static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	public TenantId {
		Assert.isTrue(value != null && ALIAS.matcher(value).matches(),
				"A tenant id is a clinic alias of lower-case letters, digits and hyphens");
	}

	public static TenantId of(String value) {
		return new TenantId(value);
	}

	@Override
	public String toString() {
		return value;
	}
}
