/**
 * What messaging does on its own: posting system messages from other modules' events.
 */
@NullMarked
package health.stride.messaging.internal;

import org.jspecify.annotations.NullMarked;
