@NullMarked
package health.stride.programs.web;

import org.jspecify.annotations.NullMarked;
