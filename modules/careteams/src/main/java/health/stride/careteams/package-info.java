/**
 * Clinicians and their licenses, assignment of care teams, the caseload and the patient chart.
 */
@ApplicationModule(displayName = "Care teams", allowedDependencies = { "platform", "eligibility", "patients", "programs", "messaging", "visits" })
@NullMarked
package health.stride.careteams;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
