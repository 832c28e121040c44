@NullMarked
package health.stride.careteams.internal;

import org.jspecify.annotations.NullMarked;
