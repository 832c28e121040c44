package health.stride.visits;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The clinicians of the current clinic who hold visits. The care teams module decides who works at
 * the clinic and tells this module here, in its own transaction: a clinician added is enlisted, one
 * who left is withdrawn (their booked visits stay for the clinic to move).
 */
public interface Hosts {

	/**
	 * Enlists a clinician, in the clinic's time zone until they choose their own; enlisting the same
	 * clinician again updates their name and kind and changes nothing else.
	 */
	void enlist(UUID clinicianId, String username, String displayName, HostKind kind);

	/** The clinician left the clinic: no slot is offered with them any more. */
	void withdraw(UUID clinicianId);

	Optional<Host> find(UUID clinicianId);

	Optional<Host> findByUsername(String username);

	/** The clinic's clinicians who hold visits now, by name. */
	List<Host> active();
}
