package health.stride.platform.security;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;

/**
 * The user of the current request, whether they came with a browser session (OpenID Connect) or a
 * bearer token (JWT): both principals carry the same Keycloak claims.
 */
public final class CurrentUser {

	private CurrentUser() {}

	public static Optional<StrideUser> get() {

		var authentication = SecurityContextHolder.getContext().getAuthentication();

		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return Optional.empty();
		}

		return switch (authentication.getPrincipal()) {
			case StrideUser user -> Optional.of(user);
			case ClaimAccessor claims -> Optional.of(StrideUser.fromClaims(claims));
			case null, default -> Optional.empty();
		};
	}

	public static StrideUser require() {
		return get().orElseThrow(() -> new IllegalStateException("No user is signed in"));
	}
}
