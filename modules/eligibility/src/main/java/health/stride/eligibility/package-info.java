/**
 * Sponsors (employers and health plans), their eligibility rosters, coverage checks and enrollment counts.
 */
@ApplicationModule(displayName = "Eligibility", allowedDependencies = "platform")
@NullMarked
package health.stride.eligibility;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
