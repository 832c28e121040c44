@NullMarked
package health.stride.platform.tenancy;

import org.jspecify.annotations.NullMarked;
