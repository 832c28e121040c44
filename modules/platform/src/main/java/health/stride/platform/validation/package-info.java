/**
 * One way to report bad input: Bean Validation on request and form records, and
 * {@link health.stride.platform.validation.FieldErrors} for the rules that live in domain objects.
 */
@NullMarked
package health.stride.platform.validation;

import org.jspecify.annotations.NullMarked;
