package health.stride.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;

import health.stride.patients.PatientId;
import health.stride.platform.security.StrideUser;

/**
 * The threads between patients and their care teams. A thread's participants follow the care team
 * of record; messages are numbered within their thread, and what each participant has had
 * delivered and has read is a message number, so unread counts are exact. A participant's own
 * messages are never unread to them, and Stride's messages, written to the patient, are unread to
 * the patient only. Anyone not taking part is told the thread does not exist.
 * <p>
 * What Stride itself posts is messaging's own business (its listeners), not part of this contract.
 */
public interface Threads {

	int MAX_BODY = 5_000;

	/** A thread as one participant sees it in a list. */
	record Summary(UUID id, PatientId patient, String patientName, boolean urgent, @Nullable Instant lastMessageAt,
			long unread, boolean unanswered) {}

	/**
	 * One message. A person's message is its {@code body}; Stride's messages are a message {@code code}
	 * with its arguments, shown in the reader's language (older ones hold English text in the body).
	 */
	record Message(UUID id, long seq, SenderRole senderRole, String senderName, @Nullable String senderUsername,
			@Nullable String body, @Nullable String code, List<String> arguments, Instant sentAt) {

		public Message {
			arguments = List.copyOf(arguments);
		}

		/** The text as the reader reads it. */
		public String text(MessageSource messages, Locale locale) {
			if (code == null) {
				return body == null ? "" : body;
			}
			return messages.getMessage(new DefaultMessageSourceResolvable(new String[] { code }, arguments.toArray(),
					body), locale);
		}
	}

	/** A participant and how far they have got in the thread. */
	record Participant(String username, SenderRole role, String displayName, boolean active, long deliveredSeq,
			long readSeq) {}

	record Thread(UUID id, PatientId patient, boolean urgent, long lastSeq, List<Participant> participants) {

		public Optional<Participant> participant(String username) {
			return participants.stream().filter(it -> it.username().equals(username)).findFirst();
		}
	}

	/** The user does not take part in the thread (or it is another clinic's): for them it does not exist. */
	final class NotFound extends RuntimeException {

		public NotFound() {
			super("No such thread.");
		}
	}

	/**
	 * Makes sure the patient has a thread whose participants are the patient and their care team of
	 * record; clinicians who left the care team stay in the history, inactive.
	 */
	UUID open(PatientId patient);

	/**
	 * Posts a participant's message.
	 *
	 * @throws NotFound unless the user takes part in the thread (actively)
	 * @throws health.stride.platform.validation.InvalidInput for an empty or too long body
	 * @throws health.stride.patients.PortalAccess.ReadOnly when the patient writes while their portal is
	 *         read-only or their thread is closed
	 */
	Message post(UUID threadId, StrideUser sender, @Nullable String body);

	Optional<Thread> find(UUID threadId);

	Optional<Thread> ofPatient(PatientId patient);

	/**
	 * The thread's messages for one of its participants, oldest first, after the given number (the
	 * newest 500 at most); what the reader was given counts as delivered, and, if {@code read}, as read.
	 *
	 * @throws NotFound unless the user takes part in the thread (actively)
	 */
	List<Message> read(UUID threadId, StrideUser reader, long after, boolean read);

	/** The patient's latest messages, newest first, for the chart's timeline (marks nothing as read). */
	List<Message> latest(PatientId patient, int limit);

	/** The threads the user takes part in (actively), urgent and unanswered first, then the latest. */
	List<Summary> of(StrideUser user);

	/** How many of the patient's messages since a clinician last wrote are still waiting for an answer. */
	int unansweredFor(PatientId patient);

	/**
	 * When the patient's thread closed, if it is closed: their episode of care ended. The patient
	 * cannot write until a new episode opens it again; their care team still can (a last word, or an
	 * answer to a question asked just before the discharge).
	 */
	Optional<Instant> closedAt(PatientId patient);

	/**
	 * Posts a message from Stride into the patient's thread for a module downstream that tells the
	 * patient something happened there (a visit booked, moved, cancelled or missed): a message code of
	 * the bundles with its arguments, read in each reader's language. Once per key, however often it is
	 * asked, so a redelivered event posts nothing; the caller makes its keys unique (its own prefix and
	 * the ids of what happened). Nothing for a patient the clinic does not have.
	 */
	void postFromStride(PatientId patient, String key, String code, List<String> arguments);

	/** A message with the patient whose thread holds it. */
	record PatientMessage(PatientId patient, UUID thread, Message message) {}

	/**
	 * Which messages to list, one page of them: those of the given patients (of every patient of the clinic
	 * when {@code patients} is null), sent from {@code sentFrom} (inclusive) until {@code sentUntil}
	 * (exclusive) where given, newest or oldest first.
	 */
	record MessageQuery(@Nullable List<PatientId> patients, @Nullable Instant sentFrom, @Nullable Instant sentUntil,
			boolean newestFirst, int offset, int limit) {

		public static final int MAX_LIMIT = 1_000;

		public MessageQuery {
			patients = patients == null ? null : List.copyOf(patients);
			if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
				throw new IllegalArgumentException("A page starts at 0 or later and holds 1 to " + MAX_LIMIT + " messages");
			}
		}
	}

	/**
	 * The message with this id, for a reader who decides who may see it (and audits it) themselves, as the
	 * FHIR module does; marks nothing as delivered or read. Nothing for another clinic's message.
	 */
	Optional<PatientMessage> message(UUID messageId);

	/**
	 * One page of messages, paged in the database, for a reader who decides who may see them (and audits
	 * it) themselves; marks nothing as delivered or read. Messages sent at the same instant come in the
	 * order of their ids.
	 */
	List<PatientMessage> messages(MessageQuery query);

	/** Whether the reader takes part in the patient's thread (actively), so the chart may show its messages. */
	default boolean takesPart(PatientId patient, String username) {
		return ofPatient(patient).flatMap(it -> it.participant(username)).filter(Participant::active).isPresent();
	}
}
