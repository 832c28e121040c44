package health.stride.app.security;

import java.util.ArrayList;
import java.util.Collection;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Authorities at the FHIR door: the realm roles as on the API ({@link StrideAuthorities}) and each SMART scope
 * the token was granted as {@code SCOPE_patient/*.read} and so on. The scope alone opens nothing: the FHIR
 * module decides what it reaches from the scope, the roles and the client the token was issued to.
 */
final class FhirAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		var authorities = new ArrayList<GrantedAuthority>(StrideAuthorities.of(jwt));
		authorities.addAll(scopes.convert(jwt));
		return authorities;
	}
}
