/**
 * End-to-end tests: the application on a real port against the real Keycloak of the local run,
 * started once per test JVM with the realm file, and a real headless Chromium.
 */
@NullMarked
package health.stride.app.e2e;

import org.jspecify.annotations.NullMarked;
