@NullMarked
package health.stride.eligibility.web;

import org.jspecify.annotations.NullMarked;
