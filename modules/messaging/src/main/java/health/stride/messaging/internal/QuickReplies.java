package health.stride.messaging.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.platform.validation.FieldErrors;

/** The clinic's saved replies, for its clinicians to start a message from. */
@Service
@Transactional(readOnly = true)
public class QuickReplies {

	public record QuickReply(UUID id, String title, String body, String createdBy) {}

	private final JdbcClient jdbc;
	private final Clock clock;

	QuickReplies(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<QuickReply> all() {
		return jdbc.sql("select id, title, body, created_by from messaging.quick_reply order by title")
				.query((row, number) -> new QuickReply(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
						row.getString(4)))
				.list();
	}

	public Optional<QuickReply> find(UUID id) {
		return all().stream().filter(it -> it.id().equals(id)).findFirst();
	}

	/**
	 * Saves a reply for the whole clinic.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for a missing or too long title or text
	 */
	@Transactional
	public QuickReply add(String title, String body, String createdBy) {
		var errors = new FieldErrors();
		if (title.isBlank() || title.strip().length() > 80) {
			errors.reject("title", "messaging.quick-replies.title.size", 80);
		}
		if (body.isBlank() || body.strip().length() > 2_000) {
			errors.reject("body", "messaging.quick-replies.body.size", 2_000);
		}
		errors.throwIfAny();
		var reply = new QuickReply(UUID.randomUUID(), title.strip(), body.strip(), createdBy);
		jdbc.sql("""
				insert into messaging.quick_reply (id, title, body, created_by, created_at)
				values (?, ?, ?, ?, ?)""")
				.params(reply.id(), reply.title(), reply.body(), createdBy, java.sql.Timestamp.from(clock.instant()))
				.update();
		return reply;
	}

	@Transactional
	public boolean remove(UUID id) {
		return jdbc.sql("delete from messaging.quick_reply where id = ?").param(id).update() == 1;
	}
}
