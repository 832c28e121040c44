/**
 * How people sign in (Keycloak, OpenID Connect for pages, bearer tokens for the API) and how the
 * signed-in user's clinic becomes the tenant of the request.
 */
@NullMarked
package health.stride.app.security;

import org.jspecify.annotations.NullMarked;
