package health.stride.visits.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.validation.FieldErrors;
import health.stride.visits.Availability;
import health.stride.visits.Availability.DateException;
import health.stride.visits.Availability.WeeklyHours;
import health.stride.visits.Host;
import health.stride.visits.HostKind;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.VisitId;
import health.stride.visits.VisitType;
import health.stride.visits.Visits;

/** Availability in {@code visits.host}, {@code visits.weekly_hours} and {@code visits.date_exception}; slots from {@link SlotPlanner}. */
@Service
@Transactional(readOnly = true)
class JdbcSchedules implements Schedules {

	static final Duration MAX_BUFFER = Duration.ofHours(2);
	static final int MAX_PER_DAY = 40;
	static final int MAX_SPANS = 50;
	static final int MAX_EXCEPTIONS = 200;
	private static final UUID NOTHING = new UUID(0, 0);

	private final JdbcClient jdbc;
	private final JdbcHosts hosts;
	private final JdbcVisitTypes types;
	private final AuditTrail audit;
	private final Clock clock;

	JdbcSchedules(JdbcClient jdbc, JdbcHosts hosts, JdbcVisitTypes types, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.hosts = hosts;
		this.types = types;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public Availability of(UUID clinicianId) {
		var host = hosts.find(clinicianId).orElseThrow(Visits.NotFound::new);
		// from today on, as change() takes them: what of() gives, change() accepts back unchanged
		var today = LocalDate.now(clock.withZone(host.zone()));
		return availability(host, today, LocalDate.of(9999, 12, 31));
	}

	@Override
	@Transactional
	public void change(UUID clinicianId, Availability availability) {

		var host = hosts.find(clinicianId).orElseThrow(Visits.NotFound::new);
		// a clinician moving to a zone where it is already tomorrow keeps today's exception
		var today = min(LocalDate.now(clock.withZone(availability.zone())), LocalDate.now(clock.withZone(host.zone())));
		validate(availability, today).throwIfAny();

		jdbc.sql("""
				update visits.host set time_zone = ?, buffer = make_interval(secs => ?), max_per_day = ?,
				       version = version + 1
				where id = ?""")
				.params(availability.zone().getId(), availability.buffer().toSeconds(), availability.maxPerDay(), host.id())
				.update();
		jdbc.sql("delete from visits.weekly_hours where host_id = ?").param(host.id()).update();
		for (var hours : availability.week()) {
			jdbc.sql("insert into visits.weekly_hours (host_id, weekday, starts, ends) values (?, ?, ?, ?)")
					.params(host.id(), hours.day().getValue(), hours.starts(), hours.ends()).update();
		}
		jdbc.sql("delete from visits.date_exception where host_id = ? and day >= ?").params(host.id(), today).update();
		for (var exception : availability.exceptions()) {
			jdbc.sql("insert into visits.date_exception (host_id, day, starts, ends) values (?, ?, ?, ?)")
					.params(host.id(), exception.date(), exception.starts(), exception.ends()).update();
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "availability");
	}

	private static LocalDate min(LocalDate one, LocalDate other) {
		return one.isBefore(other) ? one : other;
	}

	private static FieldErrors validate(Availability availability, LocalDate today) {

		var errors = new FieldErrors();
		if (availability.week().size() > MAX_SPANS) {
			errors.reject("week", "visits.availability.too-many-spans", MAX_SPANS);
		}
		if (availability.exceptions().size() > MAX_EXCEPTIONS) {
			errors.reject("exceptions", "visits.availability.too-many-exceptions", MAX_EXCEPTIONS);
		}
		if (availability.buffer().isNegative() || availability.buffer().compareTo(MAX_BUFFER) > 0) {
			errors.reject("buffer", "visits.availability.invalid-buffer", MAX_BUFFER.toMinutes());
		}
		if (availability.maxPerDay() < 1 || availability.maxPerDay() > MAX_PER_DAY) {
			errors.reject("maxPerDay", "visits.availability.invalid-max-per-day", MAX_PER_DAY);
		}
		for (var day : DayOfWeek.values()) {
			var spans = availability.week().stream().filter(it -> it.day() == day)
					.map(it -> new LocalTime[] { it.starts(), it.ends() }).toList();
			if (!wellFormed(spans)) {
				errors.reject("week", "visits.availability.overlapping-hours");
				break;
			}
		}
		var dates = availability.exceptions().stream().map(DateException::date).distinct().toList();
		for (var date : dates) {
			if (date.isBefore(today)) {
				errors.reject("exceptions", "visits.availability.past-date");
				break;
			}
			var onDate = availability.exceptions().stream().filter(it -> it.date().equals(date)).toList();
			var extra = onDate.stream().filter(it -> !it.isDayOff()).map(it -> new LocalTime[] { it.starts(), it.ends() })
					.toList();
			if (onDate.stream().filter(DateException::isDayOff).count() > 1 || !wellFormed(extra)) {
				errors.reject("exceptions", "visits.availability.overlapping-hours");
				break;
			}
		}
		return errors;
	}

	/** Each span ends after it starts, and no two overlap. */
	private static boolean wellFormed(List<LocalTime[]> spans) {
		var sorted = new ArrayList<>(spans);
		sorted.sort(Comparator.comparing(it -> it[0]));
		for (int i = 0; i < sorted.size(); i++) {
			if (!sorted.get(i)[1].isAfter(sorted.get(i)[0])) {
				return false;
			}
			if (i > 0 && sorted.get(i)[0].isBefore(sorted.get(i - 1)[1])) {
				return false;
			}
		}
		return true;
	}

	@Override
	public List<Slot> openSlots(UUID clinicianId, VisitType type, Instant from, Instant to, Instant earliest) {
		var offer = offer(clinicianId, type.key(), from, to, earliest);
		if (offer.host() == null) {
			throw new Visits.NotFound();
		}
		return offer.slots();
	}

	/** The rows of a two-dimensional array the read aggregated, none when it found nothing (SQL null). */
	private static <T> T[] rows(@Nullable Array array, Class<T[]> type) throws SQLException {
		return array == null ? type.cast(java.lang.reflect.Array.newInstance(type.getComponentType(), 0))
				: type.cast(array.getArray());
	}

	/** No zone is a day more than this away from UTC: the read takes that much either side, the planner the exact dates. */
	private static final Duration ANY_ZONE = Duration.ofDays(1);

	@Override
	public Offer offer(UUID clinicianId, String typeKey, Instant from, Instant to, Instant earliest) {

		// the clinician's dates depend on their zone, which this same read brings: take a day more either
		// side (for the zone) and a day more again (for visits and buffers across midnight)
		var firstAnywhere = from.minus(ANY_ZONE).atOffset(ZoneOffset.UTC).toLocalDate();
		var lastAnywhere = to.plus(ANY_ZONE).atOffset(ZoneOffset.UTC).toLocalDate();
		var heldFrom = from.minus(ANY_ZONE).minus(ANY_ZONE);
		var heldTo = to.plus(ANY_ZONE).plus(ANY_ZONE);
		// one round trip: the clinician, the kind, the usual week, the dates that differ and the time booked visits hold
		return jdbc.sql("""
				select h.id, h.username, h.display_name, h.kind, h.time_zone,
				       extract(epoch from h.buffer)::bigint as buffer_seconds, h.max_per_day, h.active,
				       t.key, t.name, t.minutes, t.held_by, t.self_bookable,
				       (select array_agg(array[weekday, extract(epoch from starts)::int, extract(epoch from ends)::int]
				                         order by weekday, starts)
				        from visits.weekly_hours where host_id = :host) as week,
				       (select array_agg(array[day - date '1970-01-01', extract(epoch from starts)::int,
				                               extract(epoch from ends)::int] order by day, starts nulls first)
				        from visits.date_exception where host_id = :host and day between :first and :last) as dates,
				       (select array_agg(array[extract(epoch from starts_at)::bigint, extract(epoch from held_until)::bigint]
				                         order by starts_at, id)
				        from visits.visit
				        where host_id = :host and status = 'BOOKED' and starts_at < :heldTo and held_until > :heldFrom) as held
				from (select 1) as one
				left join visits.host h on h.id = :host
				left join visits.visit_type t on t.key = :type and t.retired_at is null""")
				.param("host", clinicianId).param("type", typeKey).param("first", firstAnywhere).param("last", lastAnywhere)
				.param("heldFrom", Timestamp.from(heldFrom)).param("heldTo", Timestamp.from(heldTo))
				.query((row, number) -> {
					var host = row.getString("username") == null ? null : JdbcHosts.HOST.mapRow(row, number);
					var type = row.getString("key") == null ? null : new VisitType(row.getString("key"), row.getString("name"),
							row.getInt("minutes"), HostKind.valueOf(row.getString("held_by")), row.getBoolean("self_bookable"));
					if (host == null || type == null || type.heldBy() != host.kind() || !host.active() || !to.isAfter(from)) {
						return new Offer(host, type, List.of());
					}
					var week = new ArrayList<WeeklyHours>();
					for (var hours : rows(row.getArray("week"), Integer[][].class)) {
						week.add(new WeeklyHours(DayOfWeek.of(hours[0]), LocalTime.ofSecondOfDay(hours[1]),
								LocalTime.ofSecondOfDay(hours[2])));
					}
					var exceptions = new ArrayList<DateException>();
					for (var date : rows(row.getArray("dates"), Integer[][].class)) {
						exceptions.add(new DateException(LocalDate.ofEpochDay(date[0]),
								date[1] == null ? null : LocalTime.ofSecondOfDay(date[1]),
								date[2] == null ? null : LocalTime.ofSecondOfDay(date[2])));
					}
					var held = new ArrayList<SlotPlanner.Held>();
					for (var visit : rows(row.getArray("held"), Long[][].class)) {
						held.add(new SlotPlanner.Held(Instant.ofEpochSecond(visit[0]), Instant.ofEpochSecond(visit[1])));
					}
					var availability = new Availability(host.zone(), week, exceptions, host.buffer(), host.maxPerDay());
					var inHours = SlotPlanner.inHours(availability, type.length(), from.atZone(host.zone()).toLocalDate(),
							to.atZone(host.zone()).toLocalDate());
					return new Offer(host, type, SlotPlanner.open(availability, inHours, held, from, to, earliest));
				})
				.single();
	}

	@Override
	public Check check(UUID clinicianId, VisitType type, Instant startsAt, @Nullable VisitId moving) {

		var host = hosts.find(clinicianId).orElseThrow(Visits.NotFound::new);
		var day = startsAt.atZone(host.zone()).toLocalDate();
		var availability = availability(host, day, day);
		var slot = SlotPlanner.inHours(availability, type.length(), day, day).stream()
				.filter(it -> it.startsAt().equals(startsAt)).findFirst();
		if (!host.active() || slot.isEmpty()) {
			return Check.OUTSIDE_HOURS;
		}
		var held = held(host, day, day, moving);
		if (SlotPlanner.dayFull(availability, startsAt, held)) {
			return Check.DAY_FULL;
		}
		return SlotPlanner.clashes(slot.get(), availability.buffer(), held) ? Check.TAKEN : Check.OPEN;
	}

	/** The clinician's usual week and the dates from first to last that differ from it, in one read. */
	private Availability availability(Host host, LocalDate first, LocalDate last) {

		var week = new ArrayList<WeeklyHours>();
		var exceptions = new ArrayList<DateException>();
		jdbc.sql("""
				select weekday, null::date as day, starts, ends from visits.weekly_hours where host_id = ?
				union all
				select null, day, starts, ends from visits.date_exception where host_id = ? and day between ? and ?
				order by 1, 2, 3 nulls first""")
				.params(host.id(), host.id(), first, last)
				.query(row -> {
					var starts = row.getObject(3, LocalTime.class);
					var ends = row.getObject(4, LocalTime.class);
					var day = row.getObject(2, LocalDate.class);
					if (day == null) {
						week.add(new WeeklyHours(DayOfWeek.of(row.getInt(1)), starts, ends));
					} else {
						exceptions.add(new DateException(day, starts, ends));
					}
				});
		return new Availability(host.zone(), week, exceptions, host.buffer(), host.maxPerDay());
	}

	/** The time the clinician's booked visits hold on these dates (a day either side, for zones and buffers). */
	private List<SlotPlanner.Held> held(Host host, LocalDate first, LocalDate last, @Nullable VisitId moving) {
		var from = first.minusDays(1).atStartOfDay(host.zone()).toInstant();
		var to = last.plusDays(2).atStartOfDay(host.zone()).toInstant();
		return jdbc.sql("""
				select starts_at, held_until from visits.visit
				where host_id = ? and status = 'BOOKED' and starts_at < ? and held_until > ? and id <> ?
				order by starts_at""")
				.params(host.id(), Timestamp.from(to), Timestamp.from(from), moving == null ? NOTHING : moving.id())
				.query((row, number) -> new SlotPlanner.Held(row.getTimestamp(1).toInstant(),
						row.getTimestamp(2).toInstant()))
				.list();
	}
}
