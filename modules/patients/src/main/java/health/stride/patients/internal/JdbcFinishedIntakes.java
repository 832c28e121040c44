package health.stride.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.Aggravator;
import health.stride.patients.Diagnosis;
import health.stride.patients.FinishedIntakes;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.patients.TimeWindow;
import health.stride.platform.database.TimeOrderedQueries;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link FinishedIntakes} on {@code patients.intake} (the latest episode's, numbered as that episode) and
 * {@code patients.episode_intake} (the intakes of episodes that ended, kept when the next one opened).
 */
@Service
@Transactional(readOnly = true)
class JdbcFinishedIntakes implements FinishedIntakes {

	private static final String FINISHED = """
			select * from (
			    select i.patient_id,
			           (select max(e.number) from patients.episode e where e.patient_id = i.patient_id) as episode,
			           i.completed_at, i.pain_regions, i.pain_now, i.pain_duration, i.worse_with, i.diagnoses, i.goals,
			           i.psfs::text as psfs, i.red_flags
			    from patients.intake i
			    where i.completed_at is not null
			    union all
			    select k.patient_id, k.episode_number, k.completed_at, k.pain_regions, k.pain_now, k.pain_duration,
			           k.worse_with, k.diagnoses, k.goals, k.psfs::text, k.red_flags
			    from patients.episode_intake k
			    where k.completed_at is not null
			) finished
			where pain_now is not null and pain_duration is not null
			""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	JdbcFinishedIntakes(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public Optional<FinishedIntake> find(PatientId patient, int episode) {
		return jdbc.sql(FINISHED + "and patient_id = ? and episode = ?").params(patient.id(), episode)
				.query((row, number) -> intake(row)).optional();
	}

	@Override
	public List<FinishedIntake> page(@Nullable Collection<PatientId> patients, @Nullable Instant from,
			@Nullable Instant until, int offset, int limit) {
		if (patients != null && patients.isEmpty() || limit <= 0) {
			return List.of();
		}
		var ids = patients == null ? new UUID[0] : patients.stream().map(PatientId::id).distinct().toArray(UUID[]::new);
		var never = Timestamp.from(Instant.EPOCH); // compared with only when its bound is given
		return jdbc.sql(FINISHED + """
				and (? or patient_id = any(?)) and (? or completed_at >= ?) and (? or completed_at < ?)
				order by completed_at desc, patient_id, episode desc
				offset ? limit ?""")
				.params(patients == null, ids, from == null, from == null ? never : Timestamp.from(from), until == null,
						until == null ? never : Timestamp.from(until), offset, limit)
				.query((row, number) -> intake(row)).list();
	}

	@Override
	public List<FinishedIntake> withPsfsInOrder(TimeWindow window) {
		if (window.limit() == 0) {
			return List.of();
		}
		return TimeOrderedQueries.query(jdbc, window.query(), "*", "(" + FINISHED + ") as finished_intake", "completed_at",
				"patient_id, episode", "psfs::jsonb <> '[]'::jsonb").query((row, number) -> intake(row)).list();
	}

	private FinishedIntake intake(ResultSet row) throws SQLException {
		var goals = row.getString("goals");
		var answers = new IntakeAnswers(values(PainRegion.class, row, "pain_regions"), row.getInt("pain_now"),
				PainDuration.valueOf(row.getString("pain_duration")), values(Aggravator.class, row, "worse_with"),
				values(Diagnosis.class, row, "diagnoses"), goals == null ? "" : goals,
				json.readValue(row.getString("psfs"), new TypeReference<List<PsfsItem>>() {}),
				values(RedFlag.class, row, "red_flags"));
		return new FinishedIntake(new PatientId(row.getObject("patient_id", UUID.class)), row.getInt("episode"),
				row.getTimestamp("completed_at").toInstant(), answers);
	}

	private static <E extends Enum<E>> Set<E> values(Class<E> type, ResultSet row, String column) throws SQLException {
		var names = (String[]) row.getArray(column).getArray();
		var values = EnumSet.noneOf(type);
		Arrays.stream(names).map(name -> Enum.valueOf(type, name)).forEach(values::add);
		return values;
	}
}
