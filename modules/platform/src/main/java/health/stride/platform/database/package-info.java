@NullMarked
package health.stride.platform.database;

import org.jspecify.annotations.NullMarked;
