package health.stride.visits.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.ClinicListener;
import health.stride.platform.tenancy.ClinicRegistered;
import health.stride.platform.validation.FieldErrors;
import health.stride.visits.HostKind;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;

/** The clinic's kinds of visit and notice period, in {@code visits.visit_type} and {@code visits.clinic_policy}. */
@Service
@Transactional(readOnly = true)
class JdbcVisitTypes implements VisitTypes {

	static final int MAX_NAME = 80;

	private static final RowMapper<VisitType> TYPE = (row, number) -> new VisitType(row.getString("key"),
			row.getString("name"), row.getInt("minutes"), HostKind.valueOf(row.getString("held_by")),
			row.getBoolean("self_bookable"));

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	JdbcVisitTypes(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	public List<VisitType> all() {
		return jdbc.sql("select * from visits.visit_type where retired_at is null order by position, key")
				.query(TYPE).list();
	}

	@Override
	public Optional<VisitType> find(String key) {
		return jdbc.sql("select * from visits.visit_type where key = ?").param(key).query(TYPE).optional();
	}

	@Override
	@Transactional
	public void save(VisitType type) {

		var errors = new FieldErrors();
		if (!type.key().matches("[a-z0-9]+(-[a-z0-9]+)*") || type.key().length() > 40) {
			errors.reject("key", "visits.types.invalid-key");
		}
		if (type.name() != null && (type.name().isBlank() || type.name().length() > MAX_NAME
				|| type.name().indexOf('\0') >= 0)) {
			errors.reject("name", "visits.types.invalid-name", MAX_NAME);
		}
		if (type.name() == null && !VisitType.SEEDED.contains(type.key())) {
			errors.reject("name", "visits.types.name-required");
		}
		if (type.minutes() < 5 || type.minutes() > 240) {
			errors.reject("minutes", "visits.types.invalid-minutes", 5, 240);
		}
		errors.throwIfAny();

		jdbc.sql("""
				insert into visits.visit_type (key, name, minutes, held_by, self_bookable, position)
				values (:key, :name, :minutes, :heldBy, :selfBookable,
				        (select coalesce(max(position), 0) + 1 from visits.visit_type))
				on conflict (tenant_id, key) do update
				set name = excluded.name, minutes = excluded.minutes, held_by = excluded.held_by,
				    self_bookable = excluded.self_bookable, retired_at = null""")
				.param("key", type.key()).param("name", type.name()).param("minutes", type.minutes())
				.param("heldBy", type.heldBy().name()).param("selfBookable", type.selfBookable())
				.update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "visit-types");
	}

	@Override
	@Transactional
	public void retire(String key) {
		jdbc.sql("update visits.visit_type set retired_at = now() where key = ? and retired_at is null").param(key)
				.update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "visit-types");
	}

	@Override
	public Duration noticePeriod() {
		return jdbc.sql("select extract(epoch from notice_period)::bigint from visits.clinic_policy")
				.query(Long.class).optional().map(Duration::ofSeconds).orElse(DEFAULT_NOTICE);
	}

	@Override
	@Transactional
	public void changeNoticePeriod(Duration notice) {
		if (notice.isNegative() || notice.compareTo(Duration.ofDays(14)) > 0) {
			new FieldErrors().reject("noticePeriod", "visits.types.invalid-notice", 0, 14 * 24).throwIfAny();
		}
		jdbc.sql("""
				insert into visits.clinic_policy (notice_period) values (make_interval(secs => ?))
				on conflict (tenant_id) do update set notice_period = excluded.notice_period""")
				.param(notice.toSeconds()).update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "visit-types");
	}

	/** A new clinic starts with the seeded kinds; hearing of it twice adds nothing. */
	@ClinicListener
	void on(ClinicRegistered event) {
		jdbc.sql("""
				insert into visits.visit_type (key, minutes, held_by, self_bookable, position)
				values ('initial-evaluation', 45, 'THERAPIST', false, 1), ('follow-up', 30, 'THERAPIST', true, 2),
				       ('re-evaluation', 30, 'THERAPIST', false, 3), ('coaching-call', 15, 'COACH', true, 4)
				on conflict do nothing""").update();
	}

}
