/**
 * The FHIR R4 view of a clinic's records for EHRs, payers and the patients themselves: resources
 * read and searched under SMART scopes, and the patient's own export. It reads every other module
 * through their APIs and owns no clinical data of its own.
 */
@ApplicationModule(displayName = "FHIR", allowedDependencies = { "platform", "eligibility", "patients", "programs", "messaging", "visits", "careteams" })
@NullMarked
package health.stride.fhir;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
