/**
 * The visits pages and API: booking, moving and cancelling visits.
 */
@NullMarked
package health.stride.visits.web;

import org.jspecify.annotations.NullMarked;
