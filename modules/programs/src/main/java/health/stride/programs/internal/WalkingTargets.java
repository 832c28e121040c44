package health.stride.programs.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.TimeWindow;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.database.TimeOrderedQueries;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.programs.ExerciseSession;
import health.stride.programs.PainFlareReported;
import health.stride.programs.Plans;
import health.stride.programs.Sessions;
import health.stride.programs.SymptomShift;
import health.stride.programs.Walks;

/**
 * Walking: the walks patients log, and today's walking target. Micro-walks build up in steps: 5
 * minutes three times a day on days 1 to 3, 8 minutes on days 4 to 7, then 10, 15, 20, 25 and 30
 * minutes at a stretch. At each checkpoint (day 4, day 8, then every 3 days) the walker moves up a
 * step if what they logged since the last checkpoint stayed at pain 3 or less with no flare; pain
 * above 3, or nothing logged, holds the step; a flare takes them a step back. The plan's walking
 * goal caps the steps.
 * <p>
 * A walk flares by the sessions' rule ({@link ExerciseSession#isFlare}): pain after 2 or more points
 * above the pain before, or pain travelling down the leg. It is announced as a session's flare is
 * ({@link PainFlareReported}, with the walk's id), so the care team is alerted and the patient told
 * to scale back.
 */
@Service
@Transactional(readOnly = true)
public class WalkingTargets implements Walks {

	/** One step of the build-up: minutes a walk and walks a day. */
	public record Step(int minutes, int timesPerDay) {}

	static final List<Step> STEPS = List.of(new Step(5, 3), new Step(8, 3), new Step(10, 2), new Step(15, 2),
			new Step(20, 1), new Step(25, 1), new Step(30, 1));

	/**
	 * Today's target: the step, the day of the plan (1 is the day it was assigned) and why the step is
	 * where it is, as the code of {@code programs.walking.why.<reason>}.
	 */
	public record Target(Step step, int day, int stepNumber, int steps, String reason) {}

	/** Something the patient logged about walking, for the rules: when, the pain, and whether it was a flare. */
	record Walked(LocalDate day, int pain, boolean flare) {}

	private final JdbcClient jdbc;
	private final Plans plans;
	private final PatientDirectory directory;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	WalkingTargets(JdbcClient jdbc, Plans plans, PatientDirectory directory, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.plans = plans;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Walk log(PatientId patient, @Nullable String key, @Nullable Integer minutes, @Nullable String surface,
			@Nullable Integer painBefore, @Nullable Integer painAfter, @Nullable String symptomShift) {

		directory.requireOpenPortal(patient);
		var errors = new FieldErrors();
		if (key == null || key.length() < 8 || key.length() > 100) {
			errors.reject("idempotencyKey", "programs.walk.error.idempotency-key");
		}
		if (minutes == null || minutes < 1 || minutes > 600) {
			errors.reject("minutes", "programs.walk.error.minutes", 1, 600);
		}
		var where = Optional.ofNullable(EnumNames.named(Surface.class, surface));
		if (where.isEmpty()) {
			errors.reject("surface", "programs.walk.error.surface");
		}
		if (painBefore == null || painBefore < 0 || painBefore > 10) {
			errors.reject("painBefore", "programs.walk.error.pain-before");
		}
		if (painAfter == null || painAfter < 0 || painAfter > 10) {
			errors.reject("painAfter", "programs.walk.error.pain-after");
		}
		var shift = Optional.ofNullable(EnumNames.named(SymptomShift.class, symptomShift));
		if (shift.isEmpty()) {
			errors.reject("symptomShift", "programs.walk.error.symptom-shift");
		}
		errors.throwIfAny();
		if (plans.holdOf(patient).isPresent()) {
			throw new Sessions.OnHold();
		}
		var before = java.util.Objects.requireNonNull(painBefore);
		var after = java.util.Objects.requireNonNull(painAfter);
		var flare = ExerciseSession.isFlare(before, after, shift.get());
		var id = UUID.randomUUID();
		var at = clock.instant();
		var stored = jdbc.sql("""
				insert into programs.walk (patient_id, id, idempotency_key, walked_at, minutes, surface, pain_before, pain,
				    symptom_shift, flare)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id, idempotency_key) do nothing""")
				.params(patient.id(), id, key, java.sql.Timestamp.from(at), minutes, where.get().name(), before, after,
						shift.get().name(), flare)
				.update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "walk");
		if (stored == 1 && flare) {
			events.publishEvent(new PainFlareReported(CurrentTenant.require(), patient, id, at));
		}
		return jdbc.sql("select " + WALK + " from programs.walk where patient_id = ? and idempotency_key = ?")
				.params(patient.id(), key).query((row, number) -> walk(row)).single();
	}

	@Override
	public List<Walk> inOrder(TimeWindow window) {
		if (window.limit() == 0) {
			return List.of();
		}
		return TimeOrderedQueries.query(jdbc, window.query(), WALK, "programs.walk", "walked_at", "id", "true")
				.query((row, number) -> walk(row)).list();
	}

	@Override
	public Optional<Walk> find(UUID walk) {
		return jdbc.sql("select " + WALK + " from programs.walk where id = ?").param(walk)
				.query((row, number) -> walk(row)).optional();
	}

	private static final String WALK = "patient_id, id, walked_at, minutes, surface, pain_before, pain, symptom_shift, flare";

	private static Walk walk(java.sql.ResultSet row) throws java.sql.SQLException {
		var shift = row.getString("symptom_shift");
		return new Walk(row.getObject("id", UUID.class), new PatientId(row.getObject("patient_id", UUID.class)),
				row.getTimestamp("walked_at").toInstant(), row.getInt("minutes"), Surface.valueOf(row.getString("surface")),
				(Integer) row.getObject("pain_before"), row.getInt("pain"),
				shift == null ? null : SymptomShift.valueOf(shift), row.getBoolean("flare"));
	}

	/** Today's walking target for the patient's plan, if it has walking in it. */
	public Optional<Target> today(PatientId patient, ZoneId zone) {

		var plan = plans.of(patient).filter(it -> it.walking() != null);
		if (plan.isEmpty() || plans.holdOf(patient).isPresent()) { // no target while a red flag holds the plan
			return Optional.empty();
		}
		var start = plan.get().assignedAt();
		var walked = new ArrayList<Walked>();
		jdbc.sql("select walked_at, pain, flare from programs.walk where patient_id = ? and walked_at >= ?")
				.params(patient.id(), java.sql.Timestamp.from(start))
				.query((row, number) -> new Walked(day(row.getTimestamp(1).toInstant(), zone), row.getInt(2), row.getBoolean(3)))
				.list().forEach(walked::add);
		jdbc.sql("select performed_at, pain_after, flare from programs.session where patient_id = ? and performed_at >= ?")
				.params(patient.id(), java.sql.Timestamp.from(start))
				.query((row, number) -> new Walked(day(row.getTimestamp(1).toInstant(), zone), row.getInt(2), row.getBoolean(3)))
				.list().forEach(walked::add);
		return Optional.of(target(day(start, zone), LocalDate.now(clock.withZone(zone)),
				java.util.Objects.requireNonNull(plan.get().walking()).goalMinutes(), walked));
	}

	private static LocalDate day(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toLocalDate();
	}

	/** The rules, on their own: the step for today given the plan's first day, its goal and what was logged. */
	static Target target(LocalDate first, LocalDate today, int goalMinutes, List<Walked> walked) {

		var steps = new ArrayList<Step>();
		for (var step : STEPS) {
			if (step.minutes() < goalMinutes) {
				steps.add(step);
			}
		}
		steps.add(new Step(goalMinutes, 1)); // the goal: that long at a stretch

		var day = (int) ChronoUnit.DAYS.between(first, today) + 1;
		var step = 0;
		var why = "first-days";
		var checkpoint = 4;
		var previous = 1;
		var last = steps.size() - 1;
		while (checkpoint <= day) {
			var from = first.plusDays(previous - 1);
			var until = first.plusDays(checkpoint - 1); // exclusive: the checkpoint day itself starts the new period
			var period = walked.stream().filter(it -> !it.day().isBefore(from) && it.day().isBefore(until)).toList();
			if (period.stream().anyMatch(Walked::flare)) {
				step = Math.max(0, step - 1);
				why = "held-back";
			} else if (period.isEmpty()) {
				why = "nothing-logged";
			} else if (period.stream().anyMatch(it -> it.pain() > 3)) {
				why = "pain-above-3";
			} else if (step < last) {
				step++;
				why = step == last ? "goal-reached" : "up-a-step";
			} else {
				why = "keep-it-up";
			}
			previous = checkpoint;
			checkpoint = checkpoint == 4 ? 8 : checkpoint + 3;
		}
		return new Target(steps.get(step), day, step + 1, steps.size(), why);
	}
}
