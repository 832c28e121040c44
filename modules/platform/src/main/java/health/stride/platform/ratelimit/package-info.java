@NullMarked
package health.stride.platform.ratelimit;

import org.jspecify.annotations.NullMarked;
