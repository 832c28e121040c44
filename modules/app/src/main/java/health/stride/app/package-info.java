/**
 * The assembly: security wiring, role homes, the patient portal home and local demo data.
 */
@ApplicationModule(displayName = "Application")
@NullMarked
package health.stride.app;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
