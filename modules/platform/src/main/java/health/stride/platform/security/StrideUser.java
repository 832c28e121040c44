package health.stride.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.ClaimAccessor;

import health.stride.platform.tenancy.TenantId;

/**
 * A signed-in person as Stride knows them from their Keycloak token: the stable user id (the
 * token subject), the username, the clinics they belong to (Keycloak organizations) and their
 * roles. Nothing else about them is trusted from the token.
 */
public record StrideUser(String id, String username, List<TenantId> clinics, Set<Role> roles) {

	public StrideUser {
		clinics = List.copyOf(clinics);
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	/**
	 * Reads the claims Keycloak puts into Stride's tokens: {@code sub}, {@code preferred_username},
	 * {@code organization} (list of aliases, or a map keyed by alias) and {@code realm_access.roles}.
	 */
	public static StrideUser fromClaims(ClaimAccessor claims) {

		var subject = claims.getClaimAsString("sub");
		var username = claims.getClaimAsString("preferred_username");

		return new StrideUser(subject == null ? "" : subject, username == null ? "" : username,
				organizations(claims.getClaims().get("organization")), roles(claims.getClaims().get("realm_access")));
	}

	/** The one clinic this user works in or is a patient of, when there is exactly one. */
	public Optional<TenantId> clinic() {
		return clinics.size() == 1 ? Optional.of(clinics.get(0)) : Optional.empty();
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean hasAny(Role... candidates) {
		for (var role : candidates) {
			if (has(role)) {
				return true;
			}
		}
		return false;
	}

	/** The role that decides where the user lands, the most privileged first. */
	public Optional<Role> primaryRole() {
		return List.of(Role.PLATFORM_ADMIN, Role.CLINIC_ADMIN, Role.THERAPIST, Role.COACH, Role.SPONSOR_ADMIN,
				Role.PATIENT).stream().filter(this::has).findFirst();
	}

	private static List<TenantId> organizations(@Nullable Object claim) {

		Collection<?> aliases = switch (claim) {
			case Collection<?> list -> list;
			case Map<?, ?> map -> map.keySet();
			case String single -> List.of(single);
			case null, default -> List.of();
		};

		return aliases.stream()
				.map(String::valueOf)
				.filter(StrideUser::isAlias)
				.map(TenantId::of)
				.distinct()
				.toList();
	}

	private static boolean isAlias(String candidate) {
		try {
			TenantId.of(candidate);
			return true;
		} catch (IllegalArgumentException e) {
			return false;
		}
	}

	private static Set<Role> roles(@Nullable Object realmAccess) {

		if (!(realmAccess instanceof Map<?, ?> access) || !(access.get("roles") instanceof Collection<?> names)) {
			return Set.of();
		}

		var roles = EnumSet.noneOf(Role.class);
		names.forEach(name -> Role.ofRealmRole(String.valueOf(name)).ifPresent(roles::add));
		return roles;
	}
}
