package health.stride.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.platform.validation.FieldErrors;

/** The browsers each patient allowed to show their reminders, by the push service address of each. */
@Service
@Transactional(readOnly = true)
public class PushSubscriptions {

	/**
	 * The longest push service address stored, in bytes (an ASCII address has one a character): well
	 * under PostgreSQL's limit for a key of the table's index.
	 */
	static final int LONGEST_ENDPOINT = 2048;

	/** The shortest, as the table's check has it. */
	static final int SHORTEST_ENDPOINT = 12;

	/** A patient's browsers are few; more than this is not a person's. */
	static final int MOST_PER_PATIENT = 10;

	private final JdbcClient jdbc;
	private final WebPush push;
	private final Clock clock;

	PushSubscriptions(JdbcClient jdbc, WebPush push, Clock clock) {
		this.jdbc = jdbc;
		this.push = push;
		this.clock = clock;
	}

	/**
	 * Remembers the browser; the same one again changes nothing.
	 *
	 * @throws health.stride.platform.validation.InvalidInput without push set up, for an address that
	 *     is not a known push service's (see {@link WebPush#accepts}) or longer than
	 *     {@value #LONGEST_ENDPOINT} bytes, or past {@value #MOST_PER_PATIENT} browsers
	 */
	@Transactional
	public void add(PatientId patient, String endpoint) {
		var errors = new FieldErrors();
		if (!push.configured() || endpoint.length() < SHORTEST_ENDPOINT || endpoint.length() > LONGEST_ENDPOINT
				|| endpoint.getBytes(StandardCharsets.UTF_8).length > LONGEST_ENDPOINT || !push.accepts(endpoint)) {
			errors.reject("endpoint", "messaging.reminders.push.error.endpoint");
		} else if (count(patient) >= MOST_PER_PATIENT && !endpoints(patient).contains(endpoint)) {
			errors.reject("endpoint", "messaging.reminders.push.error.too-many", MOST_PER_PATIENT);
		}
		errors.throwIfAny();
		jdbc.sql("""
				insert into messaging.push_subscription (patient_id, endpoint, created_at) values (?, ?, ?)
				on conflict do nothing""")
				.params(patient.id(), endpoint, java.sql.Timestamp.from(clock.instant())).update();
	}

	/** Forgets all the patient's browsers; they may allow them again. */
	@Transactional
	public int removeAll(PatientId patient) {
		return jdbc.sql("delete from messaging.push_subscription where patient_id = ?").param(patient.id()).update();
	}

	public int count(PatientId patient) {
		return jdbc.sql("select count(*) from messaging.push_subscription where patient_id = ?").param(patient.id())
				.query(Integer.class).single();
	}

	List<String> endpoints(PatientId patient) {
		return jdbc.sql("select endpoint from messaging.push_subscription where patient_id = ? order by created_at")
				.param(patient.id()).query(String.class).list();
	}

	/** The push service says the browser unsubscribed or is gone. */
	@Transactional
	void forget(PatientId patient, String endpoint) {
		jdbc.sql("delete from messaging.push_subscription where patient_id = ? and endpoint = ?")
				.params(patient.id(), endpoint).update();
	}
}
