package health.stride.careteams.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.ClinicianSummary;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;

/** Pages of the clinic's clinicians with their licenses, in two queries a page whatever its size. */
@Repository
public class ClinicianPages {

	private final JdbcClient jdbc;

	ClinicianPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The page of clinicians, by name then id, whose name has a word starting with {@code name} (case
	 * ignored), or all of them.
	 */
	@Transactional(readOnly = true)
	public List<ClinicianSummary> page(@Nullable String name, int offset, int limit, LocalDate today) {

		var start = name == null ? null : escaped(name.strip().toLowerCase(Locale.ROOT)) + "%";
		var rows = jdbc.sql("""
				select id, username, display_name, role, capacity, active from careteams.clinician
				where cast(:start as text) is null
				   or lower(display_name) like :start escape '\\' or lower(display_name) like '% ' || :start escape '\\'
				order by lower(display_name), id limit :limit offset :offset""")
				.param("start", start, java.sql.Types.VARCHAR).param("limit", limit).param("offset", offset)
				.query((row, number) -> new Row(row.getObject("id", UUID.class), row.getString("username"),
						row.getString("display_name"), ClinicianRole.valueOf(row.getString("role")), row.getInt("capacity"),
						row.getBoolean("active")))
				.list();
		if (rows.isEmpty()) {
			return List.of();
		}

		var licenses = new HashMap<UUID, List<License>>();
		jdbc.sql("""
				select clinician_id, state, kind, number, expires_on from careteams.license
				where clinician_id = any(?) order by state""")
				.param(rows.stream().map(Row::id).toArray(UUID[]::new))
				.query((row, number) -> {
					licenses.computeIfAbsent(row.getObject(1, UUID.class), it -> new ArrayList<>())
							.add(new License(row.getString(2), LicenseKind.valueOf(row.getString(3)), row.getString(4),
									row.getDate(5).toLocalDate()));
					return null;
				}).list();

		return rows.stream().map(row -> {
			var held = licenses.getOrDefault(row.id(), List.of());
			var valid = new java.util.TreeSet<String>();
			held.stream().filter(it -> it.validOn(today)).map(License::state).forEach(valid::add);
			return new ClinicianSummary(new ClinicianId(row.id()), row.username(), row.displayName(), row.role(), valid,
					held, row.capacity(), row.active());
		}).toList();
	}

	private static String escaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private record Row(UUID id, String username, String displayName, ClinicianRole role, int capacity, boolean active) {}
}
