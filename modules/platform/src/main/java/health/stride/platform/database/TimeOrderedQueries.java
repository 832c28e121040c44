package health.stride.platform.database;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queries that read patients' records in time order a page at a time: for named patients, one index scan per
 * patient ({@code (tenant_id, patient_id, <time>)}) cut at the limit, their rows merged and cut again; for the
 * whole clinic, one scan in time order. Every piece of SQL is a constant of the caller; the values are
 * parameters.
 */
public final class TimeOrderedQueries {

	/**
	 * Which records and how many: whose ({@code patients}, or every patient of the current clinic when null),
	 * from when (inclusive) until when (exclusive, either open), newest or oldest first, at most {@code limit}.
	 */
	public record Window(@Nullable List<UUID> patients, @Nullable Instant from, @Nullable Instant until,
			boolean newestFirst, int limit) {}

	/** A statement and its parameters, in order. */
	public record Query(String sql, List<Object> params) {

		public JdbcClient.StatementSpec on(JdbcClient jdbc) {
			return jdbc.sql(sql).params(params);
		}
	}

	private TimeOrderedQueries() {
	}

	/**
	 * @param columns the columns to select, of {@code table} (which must have {@code patient_id}, the time and the ties among them)
	 * @param table a table, or a sub-query in parentheses with an alias
	 * @param time the column of the record's moment
	 * @param ties the columns that order records of the same moment, ascending ({@code id})
	 * @param condition what else the records must meet ({@code true} for nothing), with its parameters
	 */
	public static JdbcClient.StatementSpec query(JdbcClient jdbc, Window window, String columns, String table,
			String time, String ties, String condition, Object... conditionParams) {
		return of(window, columns, table, time, ties, condition, conditionParams).on(jdbc);
	}

	public static Query of(Window window, String columns, String table, String time, String ties, String condition,
			Object... conditionParams) {

		var params = new ArrayList<Object>(Arrays.asList(conditionParams));
		var where = new StringBuilder(condition);
		if (window.from() != null) {
			where.append(" and ").append(time).append(" >= ?");
			params.add(Timestamp.from(window.from()));
		}
		if (window.until() != null) {
			where.append(" and ").append(time).append(" < ?");
			params.add(Timestamp.from(window.until()));
		}
		var order = " order by " + time + (window.newestFirst() ? " desc" : "") + ", " + ties + " limit ?";
		if (window.patients() == null) {
			params.add(window.limit());
			return new Query("select " + columns + " from " + table + " where " + where + order, params);
		}
		params.addFirst(window.patients().stream().map(UUID::toString).toArray(String[]::new));
		params.add(window.limit());
		params.add(window.limit());
		return new Query("select w.* from unnest(?::uuid[]) as p (patient) cross join lateral (select " + columns
				+ " from " + table + " where patient_id = p.patient and " + where + order + ") w" + order, params);
	}
}
