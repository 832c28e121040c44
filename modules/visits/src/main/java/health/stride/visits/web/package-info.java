/**
 * The visits pages and API.
 */
@NullMarked
package health.stride.visits.web;

import org.jspecify.annotations.NullMarked;
