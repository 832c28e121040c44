/**
 * The patient record: signup, intake, red-flag screening, consents and the care team of record.
 */
@ApplicationModule(displayName = "Patients", allowedDependencies = { "platform", "eligibility" })
@NullMarked
package health.stride.patients;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
