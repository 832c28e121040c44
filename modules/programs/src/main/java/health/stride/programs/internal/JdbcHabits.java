package health.stride.programs.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.programs.Habits;
import health.stride.programs.Plan;
import health.stride.programs.Plans;

/** Habits from the sessions stored: a count per week of the patient's calendar. */
@Service
@Transactional(readOnly = true)
class JdbcHabits implements Habits {

	/** How far back a streak is counted; longer ones show as this many weeks. */
	static final int MOST_WEEKS = 104;

	private final JdbcClient jdbc;
	private final Plans plans;
	private final Clock clock;

	JdbcHabits(JdbcClient jdbc, Plans plans, Clock clock) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.clock = clock;
	}

	@Override
	public Habit of(PatientId patient, ZoneId zone) {
		return on(patient, zone, LocalDate.now(clock.withZone(zone)));
	}

	/** The habit as it stands on that day (sessions logged after it are not counted). */
	Habit on(PatientId patient, ZoneId zone, LocalDate today) {

		var until = java.sql.Timestamp.from(today.plusDays(1).atStartOfDay(zone).toInstant());
		var monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		var from = monday.minusWeeks(MOST_WEEKS);
		var goal = plans.of(patient).map(Plan::daysPerWeek).orElse(0);

		var perWeek = new HashMap<LocalDate, Set<LocalDate>>(); // the days with a session, by their week's Monday
		@Nullable LocalDate last = null;
		for (var at : jdbc.sql("""
				select performed_at from programs.session where patient_id = ? and performed_at >= ? and performed_at < ?""")
				.params(patient.id(), java.sql.Timestamp.from(from.atStartOfDay(zone).toInstant()), until)
				.query((row, number) -> row.getTimestamp(1).toInstant()).list()) {
			var day = at.atZone(zone).toLocalDate();
			perWeek.computeIfAbsent(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), it -> new HashSet<>()).add(day);
			last = last == null || day.isAfter(last) ? day : last;
		}
		if (last == null) { // none in two years: was there one ever?
			last = jdbc.sql("""
					select performed_at from programs.session where patient_id = ? and performed_at < ?
					order by performed_at desc limit 1""")
					.params(patient.id(), until).query((row, number) -> row.getTimestamp(1).toInstant().atZone(zone).toLocalDate())
					.optional().orElse(null);
		}

		var thisWeek = perWeek.getOrDefault(monday, Set.of()).size();
		var streak = 0;
		if (goal > 0) {
			for (var week = monday.minusWeeks(1); !week.isBefore(from)
					&& perWeek.getOrDefault(week, Set.of()).size() >= goal; week = week.minusWeeks(1)) {
				streak++;
			}
			if (thisWeek >= goal) {
				streak++;
			}
		}
		var away = last != null && ChronoUnit.DAYS.between(last, today) >= WELCOME_BACK_AFTER_DAYS;
		return new Habit(thisWeek, goal, away ? 0 : streak, away);
	}
}
