@NullMarked
package health.stride.careteams.web;

import org.jspecify.annotations.NullMarked;
