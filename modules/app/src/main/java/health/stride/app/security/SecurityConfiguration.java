package health.stride.app.security;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import ca.uhn.fhir.context.FhirContext;
import health.stride.fhir.AuthorizationServer;
import health.stride.fhir.FhirClients;
import health.stride.platform.audit.AuditTrail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three doors into Stride. Pages: a browser session after signing in with Keycloak (authorization
 * code with PKCE, confidential client), CSRF-protected, idle sessions end after 15 minutes. API:
 * stateless bearer tokens from the realm. FHIR: the same bearer tokens, and those of a clinic's
 * integration client, with their SMART scopes. All decide roles from {@code realm_access.roles} and
 * the clinic from {@code organization}; every controller method states who may call it.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties({ KeycloakProperties.class, PageSessionProperties.class })
class SecurityConfiguration {

	static final String REGISTRATION = "keycloak";

	/** Pages and resources anyone may see without signing in. */
	static final String[] PUBLIC_PAGES = { "/", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**",
			"/favicon.ico", "/actuator/health", "/actuator/health/**", "/actuator/info", "/c/**",
			"/logout/connect/back-channel/" + REGISTRATION,
			// calendar apps fetch a clinician's feed without signing in: its secret token is the key
			"/calendar/*",
			// a visit's invited interpreter or caregiver has no account: a one-time link lets their browser
			// session into that one room (the room's controller and socket check the session's grant)
			"/room-guest/*", "/guest/visits/*/room", "/guest/visits/*/room/socket" };

	/** The API's doors for people who have no account yet. */
	static final String[] PUBLIC_API = { "/api/coverage-checks", "/api/signups" };

	/**
	 * SMART's discovery document: where a FHIR client gets its tokens and what it may ask for. SMART looks
	 * for it under the FHIR base URL; it is at the site's root as well.
	 */
	static final String SMART_CONFIGURATION = "/.well-known/smart-configuration";
	static final String FHIR_SMART_CONFIGURATION = "/fhir" + SMART_CONFIGURATION;

	/**
	 * FHIR: stateless bearer tokens as on the API, and also those of a clinic's integration client
	 * ({@link #fhirJwtDecoder}); authorities are the roles and the SMART scopes ({@link FhirAuthorities}),
	 * refusals are OperationOutcomes. What the CapabilityStatement and the discovery document say is public.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain fhir(HttpSecurity http, KeycloakProperties keycloak, AuditTrail audit, KnownClinics clinics,
			FhirContext fhir, MessageSource messages) throws Exception {

		var outcomes = new FhirOutcomes(fhir, messages);
		var authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(new FhirAuthorities());
		authentication.setPrincipalClaimName("preferred_username");
		var denials = new AccessDenials(audit, clinics, outcomes::write);

		return http.securityMatcher("/fhir/**", SMART_CONFIGURATION)
				.authorizeHttpRequests(requests -> requests
						.requestMatchers(HttpMethod.GET, "/fhir/metadata", SMART_CONFIGURATION, FHIR_SMART_CONFIGURATION)
						.permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(server -> server
						.jwt(jwt -> jwt.decoder(fhirJwtDecoder(keycloak)).jwtAuthenticationConverter(authentication))
						.authenticationEntryPoint(outcomes::unauthorized)
						.accessDeniedHandler(denials))
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(outcomes::unauthorized)
						.accessDeniedHandler(denials))
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
				.addFilterBefore(new RequestIdFilter(), SecurityContextHolderFilter.class)
				.addFilterAfter(new TenantBindingFilter(clinics, true), AuthorizationFilter.class)
				.build();
	}

	/** The authorization server the CapabilityStatement names: the realm's own endpoints. */
	@Bean
	AuthorizationServer authorizationServer(KeycloakProperties keycloak) {
		return new AuthorizationServer(keycloak.endpoint("auth"), keycloak.endpoint("token"));
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, JwtDecoder jwtDecoder, AuditTrail audit, KnownClinics clinics,
			JsonMapper json, MessageSource messages)
			throws Exception {

		var problems = new ProblemResponses(json, messages);
		var authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(new StrideAuthorities());
		authentication.setPrincipalClaimName("preferred_username");

		return http.securityMatcher("/api/**")
				.authorizeHttpRequests(requests -> requests
						.requestMatchers(HttpMethod.POST, PUBLIC_API).permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(server -> server
						.jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(authentication))
						.authenticationEntryPoint((request, response, failure) -> problems.write(response,
								HttpStatus.UNAUTHORIZED, "app.problem.unauthorized"))
						.accessDeniedHandler(new AccessDenials(audit, clinics, problems::write)))
				.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new AccessDenials(audit, clinics, problems::write)))
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for a forged request to ride on
				.addFilterBefore(new RequestIdFilter(), SecurityContextHolderFilter.class)
				.addFilterAfter(new TenantBindingFilter(clinics, true), AuthorizationFilter.class)
				.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations, AuditTrail audit,
			KnownClinics clinics, KeycloakProperties keycloak, PageSessionProperties lifetime, IdleSessionSignOut keycloakSignOut,
			KeycloakSessionCheck keycloakSession, Clock clock) throws Exception {

		var authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				"/oauth2/authorization");
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

		var logoutThroughKeycloak = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		logoutThroughKeycloak.setPostLogoutRedirectUri("{baseUrl}/");

		return http
				.authorizeHttpRequests(requests -> requests
						.requestMatchers(PUBLIC_PAGES).permitAll()
						.requestMatchers(HttpMethod.POST, "/language").permitAll()
						.requestMatchers("/actuator/**").hasRole("PLATFORM_ADMIN")
						// the pages' own prefixes, each handler then saying who may call it; a path no
						// page lives under is refused rather than left to whatever might answer it
						.requestMatchers("/portal", "/portal/**", "/caseload", "/caseload/**", "/patients/**",
								"/messages", "/messages/**", "/library", "/library/**", "/templates", "/templates/**",
								"/admin", "/admin/**", "/sponsor", "/sponsors/**", "/platform", "/session/activity",
								"/platform/**", "/paused", "/clinic/logo", "/schedule", "/schedule/**",
								"/availability", "/availability/**", "/visits/**")
						.authenticated()
						.anyRequest().denyAll())
				.oauth2Login(login -> login
						.loginPage("/oauth2/authorization/" + REGISTRATION)
						.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
						.defaultSuccessUrl("/", true))
				.logout(logout -> logout.logoutSuccessHandler(logoutThroughKeycloak))
				// Keycloak tells Stride when a user's Keycloak session ends (sign-out elsewhere, disabled account)
				.oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()))
				.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new AccessDenials(audit, clinics)))
				.headers(headers -> headers
						.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(keycloak)))
						.frameOptions(frames -> frames.deny())
						.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
						.addHeaderWriter(new DevicePermissions()))
				.addFilterBefore(new RequestIdFilter(), SecurityContextHolderFilter.class)
				.addFilterAfter(new PageSessionLifetime(lifetime, keycloakSignOut, keycloakSession, clock), SecurityContextHolderFilter.class)
				.addFilterAfter(new TenantBindingFilter(clinics), AuthorizationFilter.class)
				.build();
	}

	/**
	 * Scripts and styles only from Stride itself (no inline script), no framing, and forms that
	 * may post to Stride or continue to Keycloak (sign-out goes on to Keycloak's end-session page).
	 */
	static String contentSecurityPolicy(KeycloakProperties keycloak) {
		return String.join("; ", List.of("default-src 'self'", "script-src 'self'", "style-src 'self'",
				"img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'",
				"base-uri 'self'", "form-action 'self' " + keycloak.url(), "frame-ancestors 'none'"));
	}

	@Bean
	ClientRegistrationRepository clientRegistrations(KeycloakProperties keycloak) {

		var registration = ClientRegistration.withRegistrationId(REGISTRATION)
				.clientName("Stride")
				.clientId(keycloak.clientId())
				.clientSecret(keycloak.clientSecret())
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope("openid", "profile", "email")
				.issuerUri(keycloak.issuer())
				.authorizationUri(keycloak.endpoint("auth"))
				.tokenUri(keycloak.endpoint("token"))
				.jwkSetUri(keycloak.endpoint("certs"))
				.userInfoUri(keycloak.endpoint("userinfo"))
				.userNameAttributeName("preferred_username")
				.providerConfigurationMetadata(Map.of("end_session_endpoint", keycloak.endpoint("logout")))
				.build();

		return new InMemoryClientRegistrationRepository(registration);
	}

	/** Keeps the signed-in user's tokens in their session, so any instance can serve them. */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClients() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/** Refreshes a signed-in user's tokens when they expired (see {@link KeycloakSessionCheck}). */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {

		var manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().refreshToken().build());
		return manager;
	}

	/** Authorities for browser users from the same claims as for bearer tokens. */
	@Bean
	OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {

		var delegate = new OidcUserService();

		return request -> {
			var user = delegate.loadUser(request);
			var authorities = new HashSet<GrantedAuthority>(StrideAuthorities.of(user));
			return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
		};
	}

	/**
	 * Bearer tokens: signed by the realm's keys, issued by the realm, current, access tokens
	 * (Keycloak marks them {@code typ: Bearer}) so an ID token cannot be replayed as one, meant for
	 * Stride's API (audience) and issued to one of Stride's clients ({@code azp}), so a token the
	 * realm gave another client (its account console, {@code admin-cli}, the provisioner) is refused.
	 */
	@Bean
	JwtDecoder jwtDecoder(KeycloakProperties keycloak) {

		var decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.endpoint("certs")).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(keycloak.issuer()),
				accessTokensOnly(), audience(keycloak.apiAudience()), authorizedParties(keycloak.authorizedParties())));

		return decoder;
	}

	/**
	 * FHIR's bearer tokens: checked as the API's ({@link #jwtDecoder}), except that a clinic's integration
	 * client ({@code stride-fhir-<clinic>}, see {@link FhirClients}) may have issued them too, as long as
	 * the token names exactly that clinic as its organization. A token of one clinic's client that claims
	 * another clinic, or several, is refused whatever its claims say.
	 */
	static JwtDecoder fhirJwtDecoder(KeycloakProperties keycloak) {

		var decoder = NimbusJwtDecoder.withJwkSetUri(keycloak.endpoint("certs")).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(keycloak.issuer()),
				accessTokensOnly(), audience(keycloak.apiAudience()), fhirParties(keycloak.authorizedParties())));

		return decoder;
	}

	private static OAuth2TokenValidator<Jwt> fhirParties(List<String> clients) {
		return jwt -> {
			var client = jwt.getClaimAsString("azp");
			if (client == null) {
				return invalid("Not issued to a Stride client");
			}
			if (clients.contains(client)) {
				return OAuth2TokenValidatorResult.success();
			}
			var clinic = FhirClients.clinicOf(client);
			return clinic.isPresent() && jwt.getClaims().get("organization") instanceof List<?> organizations
					&& organizations.equals(List.of(clinic.get().value())) ? OAuth2TokenValidatorResult.success()
							: invalid("Not issued to a Stride client, or to another clinic's");
		};
	}

	private static OAuth2TokenValidator<Jwt> accessTokensOnly() {
		return jwt -> "Bearer".equals(jwt.getClaimAsString("typ")) ? OAuth2TokenValidatorResult.success()
				: invalid("Not an access token");
	}

	private static OAuth2TokenValidator<Jwt> audience(String api) {
		return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(api) ? OAuth2TokenValidatorResult.success()
				: invalid("Not meant for Stride's API");
	}

	private static OAuth2TokenValidator<Jwt> authorizedParties(List<String> clients) {
		return jwt -> clients.contains(jwt.getClaimAsString("azp")) ? OAuth2TokenValidatorResult.success()
				: invalid("Not issued to a Stride client");
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

	/** Lets the idle sign-out hear about sessions that time out. */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}
}
