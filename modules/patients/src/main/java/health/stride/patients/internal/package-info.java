@NullMarked
package health.stride.patients.internal;

import org.jspecify.annotations.NullMarked;
