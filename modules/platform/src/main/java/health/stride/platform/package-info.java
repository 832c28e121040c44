/**
 * Shared kernel: tenancy, database access rules and the building blocks every module uses.
 * Open, so that modules may use its sub-packages directly.
 */
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
@NullMarked
package health.stride.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
