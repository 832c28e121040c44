package health.stride.programs.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.programs.Plans;
import health.stride.programs.ProgressionSuggested;
import health.stride.programs.Progressions;

/**
 * The progression rules over the patient's sessions, and the suggestions they made. Only the
 * listener of sessions and plan changes makes and closes suggestions.
 */
@Service
@Transactional(readOnly = true)
class JdbcProgressions implements Progressions {

	private final JdbcClient jdbc;
	private final Plans plans;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	JdbcProgressions(JdbcClient jdbc, Plans plans, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.events = events;
		this.clock = clock;
	}

	/** Why the patient looks ready to progress, if they do, from their sessions of the current plan. */
	public Optional<MessageSourceResolvable> reasonFor(PatientId patient) {
		return ready(patient).map(it -> new Suggestion(UUID.randomUUID(), it, clock.instant()).words());
	}

	/** Which rule says the patient is ready, with the sessions it counted: {@code steady:6}, {@code easy:3}. */
	private Optional<String> ready(PatientId patient) {

		var plan = plans.of(patient);
		if (plan.isEmpty()) {
			return Optional.empty();
		}
		var now = clock.instant();
		var steady = window(patient, plan.get().version(), now.minus(Duration.ofDays(14)));
		if (steady.sessions() >= 6 && steady.spansDays(10) && steady.allDone() && steady.comfortable()) {
			return Optional.of("steady:" + steady.sessions());
		}
		var easy = window(patient, plan.get().version(), now.minus(Duration.ofDays(7)));
		if (easy.sessions() >= 3 && easy.spansDays(5) && easy.allEasy() && easy.comfortable()) {
			return Optional.of("easy:" + easy.sessions());
		}
		return Optional.empty();
	}

	/**
	 * Suggests progressing when the rules say so and no suggestion is open yet.
	 *
	 * @return the new suggestion, if one was made
	 */
	@Transactional
	public Optional<Suggestion> evaluate(PatientId patient) {

		if (open(patient).isPresent()) {
			return Optional.empty();
		}
		var reason = ready(patient);
		if (reason.isEmpty()) {
			return Optional.empty();
		}
		var suggestion = new Suggestion(UUID.randomUUID(), reason.get(), clock.instant());
		var made = jdbc.sql("""
				insert into programs.progression_suggestion (patient_id, id, reason, suggested_at)
				values (?, ?, ?, ?)
				on conflict (tenant_id, patient_id) where closed_at is null do nothing""")
				.params(patient.id(), suggestion.id(), suggestion.stored(), java.sql.Timestamp.from(suggestion.at()))
				.update();
		if (made == 0) {
			return Optional.empty();
		}
		events.publishEvent(new ProgressionSuggested(CurrentTenant.require(), patient, suggestion.id(), suggestion.at()));
		return Optional.of(suggestion);
	}

	@Override
	public Optional<Suggestion> open(PatientId patient) {
		return jdbc.sql("""
				select id, reason, suggested_at from programs.progression_suggestion
				where patient_id = ? and closed_at is null""")
				.param(patient.id())
				.query((row, number) -> new Suggestion(row.getObject(1, UUID.class), row.getString(2),
						row.getTimestamp(3).toInstant()))
				.optional();
	}

	/** Closes the open suggestion: the therapist changed the plan. */
	@Transactional
	public void close(PatientId patient) {
		jdbc.sql("update programs.progression_suggestion set closed_at = ? where patient_id = ? and closed_at is null")
				.params(java.sql.Timestamp.from(clock.instant()), patient.id()).update();
	}

	/** The patient's sessions of one plan version since a moment, summed up in one query. */
	record Window(long sessions, @Nullable Instant first, @Nullable Instant last, boolean comfortable, boolean allDone,
			boolean allEasy) {

		boolean spansDays(int days) {
			return first != null && last != null && Duration.between(first, last).compareTo(Duration.ofDays(days - 1)) >= 0;
		}
	}

	private Window window(PatientId patient, long version, Instant from) {
		return jdbc.sql("""
				select count(*), min(performed_at), max(performed_at),
				       coalesce(bool_and(pain_after <= 3 and not flare), false),
				       coalesce(bool_and(not exists (select 1 from programs.session_exercise e
				                                     where e.session_id = s.id and e.skipped)), false),
				       coalesce(bool_and(coalesce(effort = 'EASY', false)), false)
				from programs.session s where patient_id = ? and plan_version = ? and performed_at >= ?""")
				.params(patient.id(), version, java.sql.Timestamp.from(from))
				.query((row, number) -> new Window(row.getLong(1),
						row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant(),
						row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant(), row.getBoolean(4),
						row.getBoolean(5), row.getBoolean(6)))
				.single();
	}
}
