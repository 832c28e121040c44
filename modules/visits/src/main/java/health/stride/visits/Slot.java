package health.stride.visits;

import java.time.Instant;

/** An open time for a visit: free in the clinician's hours, clear of their other visits and buffers. */
public record Slot(Instant startsAt, Instant endsAt) {}
