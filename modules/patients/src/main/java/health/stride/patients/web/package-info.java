@NullMarked
package health.stride.patients.web;

import org.jspecify.annotations.NullMarked;
