/**
 * The pages of the FHIR module: the patient's download of their own record, and a clinic administrator's
 * export of one patient's record on request.
 */
@NullMarked
package health.stride.fhir.web;

import org.jspecify.annotations.NullMarked;
