/**
 * The append-only audit trail every module writes to when it reads or changes a patient's data.
 */
@NullMarked
package health.stride.platform.audit;

import org.jspecify.annotations.NullMarked;
