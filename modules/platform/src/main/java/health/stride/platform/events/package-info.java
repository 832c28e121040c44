/**
 * The event publication registry's upkeep: completed publications are deleted after a while, once
 * across all nodes.
 */
@NullMarked
package health.stride.platform.events;

import org.jspecify.annotations.NullMarked;
