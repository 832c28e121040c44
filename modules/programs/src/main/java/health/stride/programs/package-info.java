/**
 * Exercise library, program templates, patients' plans, tailoring, sessions, progression and outcomes.
 */
@ApplicationModule(displayName = "Programs", allowedDependencies = { "platform", "eligibility", "patients" })
@NullMarked
package health.stride.programs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
