@NullMarked
package health.stride.eligibility.internal;

import org.jspecify.annotations.NullMarked;
