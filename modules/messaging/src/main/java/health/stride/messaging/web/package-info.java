/**
 * The messaging pages and API.
 */
@NullMarked
package health.stride.messaging.web;

import org.jspecify.annotations.NullMarked;
