/**
 * Visits with the care team: the kinds of visit a clinic holds, when each clinician is available
 * (in their own time zone), booking, rescheduling and cancelling with no double booking, reminders
 * and calendars.
 */
@ApplicationModule(displayName = "Visits", allowedDependencies = { "platform", "patients", "messaging" })
@NullMarked
package health.stride.visits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
