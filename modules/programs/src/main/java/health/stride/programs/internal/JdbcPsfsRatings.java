package health.stride.programs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.TimeWindow;
import health.stride.platform.database.TimeOrderedQueries;
import health.stride.programs.PsfsRatings;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link PsfsRatings} on {@code programs.psfs_assessment}, read by patient and time on its index. */
@Service
@Transactional(readOnly = true)
class JdbcPsfsRatings implements PsfsRatings {

	private static final String SELECT = "select id, patient_id, assessed_at, items::text from programs.psfs_assessment ";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	JdbcPsfsRatings(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public Optional<PsfsRating> find(UUID id) {
		return jdbc.sql(SELECT + "where id = ?").param(id).query((row, number) -> rating(row)).optional();
	}

	@Override
	public List<PsfsRating> page(@Nullable Collection<PatientId> patients, @Nullable Instant from,
			@Nullable Instant until, int offset, int limit) {
		if (patients != null && patients.isEmpty() || limit <= 0) {
			return List.of();
		}
		var ids = patients == null ? new UUID[0] : patients.stream().map(PatientId::id).distinct().toArray(UUID[]::new);
		var never = Timestamp.from(Instant.EPOCH); // compared with only when its bound is given
		return jdbc.sql(SELECT + """
				where (? or patient_id = any(?)) and (? or assessed_at >= ?) and (? or assessed_at < ?)
				order by assessed_at desc, id
				offset ? limit ?""")
				.params(patients == null, ids, from == null, from == null ? never : Timestamp.from(from), until == null,
						until == null ? never : Timestamp.from(until), offset, limit)
				.query((row, number) -> rating(row)).list();
	}

	@Override
	public List<PsfsRating> inOrder(TimeWindow window) {
		if (window.limit() == 0) {
			return List.of();
		}
		return TimeOrderedQueries.query(jdbc, window.query(), "id, patient_id, assessed_at, items::text as items", "programs.psfs_assessment",
				"assessed_at", "id", "true").query((row, number) -> rating(row)).list();
	}

	private PsfsRating rating(ResultSet row) throws SQLException {
		return new PsfsRating(row.getObject("id", UUID.class), new PatientId(row.getObject("patient_id", UUID.class)),
				row.getTimestamp("assessed_at").toInstant(),
				json.readValue(row.getString("items"), new TypeReference<List<PsfsItem>>() {}));
	}
}
