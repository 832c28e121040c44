/**
 * Languages: the modules' message bundles, found on the class path and served as one.
 */
@NullMarked
package health.stride.platform.i18n;

import org.jspecify.annotations.NullMarked;
