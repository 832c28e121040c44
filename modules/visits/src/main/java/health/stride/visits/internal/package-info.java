@NullMarked
package health.stride.visits.internal;

import org.jspecify.annotations.NullMarked;
