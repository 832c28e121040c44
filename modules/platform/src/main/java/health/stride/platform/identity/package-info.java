/**
 * Sign-in accounts live in Keycloak; this is the port through which modules create them.
 */
@NullMarked
package health.stride.platform.identity;

import org.jspecify.annotations.NullMarked;
