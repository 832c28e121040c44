package health.stride.careteams.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CoverageEnd;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * A clinician's caseload: the patients whose care team they are on, most urgent first. Read from
 * the care teams module's own read model, so it costs the same however large the clinic is.
 */
@Service
@Transactional(readOnly = true)
public class Caseloads {

	static final Duration RECENT = Duration.ofDays(7);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ClinicRegistry clinics;

	Caseloads(JdbcClient jdbc, Clock clock, ClinicRegistry clinics) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.clinics = clinics;
	}

	/**
	 * One patient of the caseload.
	 *
	 * @param lastPain the pain after the last session
	 * @param sessionsThisWeek sessions since Monday (UTC)
	 * @param plannedPerWeek the days a week the plan asks for; none without a plan
	 */
	public record Entry(PatientId patient, String displayName, String state, PatientStatus status, int priority,
			List<CaseloadReason> reasons, Instant lastActivityAt, int unreadMessages, @Nullable Integer lastPain,
			int sessionsThisWeek, @Nullable Integer plannedPerWeek, @Nullable LocalDate coverageEndsOn,
			CoverageEnd.@Nullable Stage coverageStage) {

		@Override
		public String toString() {
			return "Entry[patient=" + patient + ", priority=" + priority + "]";
		}
	}

	public record Page(List<Entry> content, long totalElements) {}

	/** What to show: optionally only patients with one reason, in one status, or whose name matches. */
	public record Filter(@Nullable CaseloadReason reason, @Nullable PatientStatus status, @Nullable String name) {

		public static Filter none() {
			return new Filter(null, null, null);
		}
	}

	/** One page of the clinician's caseload, most urgent first, then by latest activity. */
	public Page of(String username, Filter filter, int page, int size) {

		var recent = java.sql.Timestamp.from(clock.instant().minus(RECENT));
		var where = new ArrayList<String>();
		var monday = java.sql.Date.valueOf(java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))
				.with(java.time.DayOfWeek.MONDAY));
		var params = new ArrayList<Object>(List.of(monday, recent, recent, recent, username, username));

		if (filter.reason() != null) {
			where.add(switch (filter.reason()) {
				case RED_FLAG -> "red_flag";
				case MOOD_URGENT -> "mood_urgent";
				case PAIN_FLARE -> "pain_flare";
				case UNANSWERED_MESSAGE -> "unanswered";
				case MISSED_VISIT -> "missed_visit";
				case NEEDS_PLAN -> "needs_plan";
				case INACTIVE -> "inactive";
				case READY_TO_PROGRESS -> "ready_to_progress";
			});
		}
		if (filter.status() != null) {
			where.add("status = ?");
			params.add(filter.status().name());
		}
		if (filter.name() != null && !filter.name().isBlank()) {
			where.add("display_name ilike ? escape '\\'");
			params.add("%" + filter.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		params.add(size);
		params.add((long) page * size);

		var today = LocalDate.now(clock.withZone(clinics.find(CurrentTenant.require()).orElseThrow().timeZone()));
		var rows = jdbc.sql("""
				with entries as (
				  select patient_id, display_name, state, status, unanswered_messages, last_activity_at, last_pain,
				         case when sessions_week_start = ? then sessions_this_week else 0 end as sessions_this_week,
				         planned_per_week, coverage_ends_on, portal_read_only_from,
				         open_red_flags > 0 as red_flag,
				         open_mood_urgent > 0 as mood_urgent,
				         coalesce(last_pain_flare_at > ?, false) as pain_flare,
				         unanswered_messages > 0 as unanswered,
				         missed_visit_at is not null and status <> 'DISCHARGED' as missed_visit,
				         intake_completed_at is not null and plan_assigned_at is null and status <> 'DISCHARGED'
				           as needs_plan,
				         -- counted from the last session, or from the plan for a patient who has had none yet
				         coalesce(coalesce(last_session_at, plan_assigned_at) <= ?, false) and status = 'ACTIVE'
				           as inactive,
				         ready_to_progress and coalesce(last_pain_flare_at <= ?, true) as ready_to_progress
				  from careteams.caseload_entry
				  where therapist_username = ? or coach_username = ?
				)
				select *, count(*) over () as total,
				       case when red_flag or mood_urgent then 1 when pain_flare then 2 when unanswered then 3 when missed_visit then 4
				            when needs_plan then 5 when inactive then 6 when ready_to_progress then 7 else 8 end as priority
				from entries
				%s
				order by priority, last_activity_at desc, patient_id
				limit ? offset ?""".formatted(where.isEmpty() ? "" : "where " + String.join(" and ", where)))
				.params(params)
				.query((row, number) -> {
					var reasons = new ArrayList<CaseloadReason>();
					if (row.getBoolean("red_flag")) reasons.add(CaseloadReason.RED_FLAG);
					if (row.getBoolean("mood_urgent")) reasons.add(CaseloadReason.MOOD_URGENT);
					if (row.getBoolean("pain_flare")) reasons.add(CaseloadReason.PAIN_FLARE);
					if (row.getBoolean("unanswered")) reasons.add(CaseloadReason.UNANSWERED_MESSAGE);
					if (row.getBoolean("missed_visit")) reasons.add(CaseloadReason.MISSED_VISIT);
					if (row.getBoolean("needs_plan")) reasons.add(CaseloadReason.NEEDS_PLAN);
					if (row.getBoolean("inactive")) reasons.add(CaseloadReason.INACTIVE);
					if (row.getBoolean("ready_to_progress")) reasons.add(CaseloadReason.READY_TO_PROGRESS);
					return new Row(row.getLong("total"), new Entry(new PatientId(row.getObject("patient_id", UUID.class)),
							row.getString("display_name"), row.getString("state"),
							PatientStatus.valueOf(row.getString("status")), row.getInt("priority"), List.copyOf(reasons),
							row.getTimestamp("last_activity_at").toInstant(), row.getInt("unanswered_messages"),
							(Integer) row.getObject("last_pain"), row.getInt("sessions_this_week"),
							(Integer) row.getObject("planned_per_week"), row.getObject("coverage_ends_on", LocalDate.class),
							coverageStage(row.getObject("coverage_ends_on", LocalDate.class),
									row.getObject("portal_read_only_from", LocalDate.class), today)));
				})
				.list();

		var total = rows.isEmpty() ? page == 0 ? 0 : count(username, filter) : rows.get(0).total();
		return new Page(rows.stream().map(Row::entry).toList(), total);
	}

	private static CoverageEnd.@Nullable Stage coverageStage(@Nullable LocalDate endsOn, @Nullable LocalDate readOnlyFrom,
			LocalDate today) {
		return endsOn == null ? null : CoverageEnd.stage(endsOn, readOnlyFrom, today);
	}

	/** How many patients of the caseload have each reason, for the filter buttons. */
	public java.util.Map<CaseloadReason, Integer> counts(String username) {
		var counts = new java.util.EnumMap<CaseloadReason, Integer>(CaseloadReason.class);
		for (var reason : CaseloadReason.values()) {
			counts.put(reason, (int) of(username, new Filter(reason, null, null), 0, 1).totalElements());
		}
		return counts;
	}

	private long count(String username, Filter filter) {
		return of(username, filter, 0, 1).totalElements();
	}

	private record Row(long total, Entry entry) {}
}
