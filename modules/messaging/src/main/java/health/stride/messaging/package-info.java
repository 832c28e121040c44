/**
 * Threads between a patient and their care team, messages and notifications.
 */
@ApplicationModule(displayName = "Messaging", allowedDependencies = { "platform", "patients", "programs" })
@NullMarked
package health.stride.messaging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
