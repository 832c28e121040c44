@NullMarked
package health.stride.programs.internal;

import org.jspecify.annotations.NullMarked;
