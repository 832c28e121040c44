@NullMarked
package health.stride.app.web;

import org.jspecify.annotations.NullMarked;
