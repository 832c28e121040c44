package health.stride.programs.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import health.stride.patients.TimeWindow;

/**
 * The query of a {@link TimeWindow} over one of the module's tables: for named patients, one index scan per
 * patient ({@code (tenant_id, patient_id, <time>)}) cut at the window's limit, their rows merged and cut
 * again; for the whole clinic, one scan in time order. Every piece of SQL here is a constant of the caller;
 * the values are parameters.
 */
final class Windows {

	/** A statement and its parameters, in order. */
	record Query(String sql, List<Object> params) {

		JdbcClient.StatementSpec on(JdbcClient jdbc) {
			return jdbc.sql(sql).params(params);
		}
	}

	private Windows() {
	}

	/**
	 * @param columns the columns to select, of {@code table} (which must have {@code patient_id}, the time and the ties among them)
	 * @param table a table, or a sub-query in parentheses with an alias
	 * @param time the column of the record's moment
	 * @param ties the columns that order records of the same moment, ascending ({@code id})
	 * @param condition what else the records must meet ({@code true} for nothing), with its parameters
	 */
	static JdbcClient.StatementSpec query(JdbcClient jdbc, TimeWindow window, String columns, String table,
			String time, String ties, String condition, Object... conditionParams) {
		return of(window, columns, table, time, ties, condition, conditionParams).on(jdbc);
	}

	static Query of(TimeWindow window, String columns, String table, String time, String ties, String condition,
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
		var ids = window.patients().stream().map(it -> it.id().toString()).toArray(String[]::new);
		params.addFirst(ids);
		params.add(window.limit());
		params.add(window.limit());
		return new Query("select w.* from unnest(?::uuid[]) as p (patient) cross join lateral (select " + columns
				+ " from " + table + " where patient_id = p.patient and " + where + order + ") w" + order, params);
	}
}
