package health.stride.visits;

import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A clinician who holds visits, as the visits module knows them. The id is the clinician's id in the
 * care teams module.
 */
public record Host(UUID id, String username, String displayName, HostKind kind, ZoneId zone, Duration buffer,
		int maxPerDay, boolean active) {}
