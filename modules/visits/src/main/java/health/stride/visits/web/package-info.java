/** The visits module's pages and JSON API. */
@NullMarked
package health.stride.visits.web;

import org.jspecify.annotations.NullMarked;
