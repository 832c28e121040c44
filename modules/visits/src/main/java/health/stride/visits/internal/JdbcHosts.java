package health.stride.visits.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.visits.Host;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;

/** The clinicians who hold visits, in {@code visits.host}. */
@Service
@Transactional(readOnly = true)
class JdbcHosts implements Hosts {

	static final String COLUMNS = "id, username, display_name, kind, time_zone, extract(epoch from buffer)::bigint as buffer_seconds, max_per_day, active";

	static final RowMapper<Host> HOST = (row, number) -> new Host(row.getObject("id", UUID.class),
			row.getString("username"), row.getString("display_name"), HostKind.valueOf(row.getString("kind")),
			ZoneId.of(row.getString("time_zone")), Duration.ofSeconds(row.getLong("buffer_seconds")),
			row.getInt("max_per_day"), row.getBoolean("active"));

	private final JdbcClient jdbc;

	JdbcHosts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional
	public void enlist(UUID clinicianId, String username, String displayName, HostKind kind) {
		jdbc.sql("""
				insert into visits.host (id, username, display_name, kind, time_zone)
				select ?, ?, ?, ?, time_zone from platform.clinic where id = current_setting('stride.tenant_id')
				on conflict (tenant_id, id) do update
				set username = excluded.username, display_name = excluded.display_name, kind = excluded.kind,
				    active = true""")
				.params(clinicianId, username, displayName, kind.name()).update();
	}

	@Override
	@Transactional
	public void withdraw(UUID clinicianId) {
		jdbc.sql("update visits.host set active = false where id = ?").param(clinicianId).update();
	}

	@Override
	public Optional<Host> find(UUID clinicianId) {
		return jdbc.sql("select " + COLUMNS + " from visits.host where id = ?").param(clinicianId).query(HOST).optional();
	}

	@Override
	public Optional<Host> findByUsername(String username) {
		return jdbc.sql("select " + COLUMNS + " from visits.host where username = ?").param(username).query(HOST)
				.optional();
	}

	@Override
	public List<Host> active() {
		return jdbc.sql("select " + COLUMNS + " from visits.host where active order by display_name, id").query(HOST).list();
	}
}
