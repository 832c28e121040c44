package health.stride.app.security;

import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.jwt.Jwt;

import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;

/**
 * Spring Security authorities from Keycloak's {@code realm_access.roles}: {@code ROLE_THERAPIST}
 * and so on. Roles Stride does not know are ignored.
 */
final class StrideAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		return of(jwt);
	}

	static List<GrantedAuthority> of(ClaimAccessor claims) {
		return StrideUser.fromClaims(claims).roles().stream()
				.sorted()
				.map(Role::authority)
				.<GrantedAuthority> map(SimpleGrantedAuthority::new)
				.toList();
	}
}
