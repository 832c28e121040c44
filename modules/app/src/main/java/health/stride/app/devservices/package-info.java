/**
 * Services the local run starts beside the application (Keycloak), so that one command brings up
 * all of Stride without Docker. Tests use the same code.
 */
@NullMarked
package health.stride.app.devservices;

import org.jspecify.annotations.NullMarked;
