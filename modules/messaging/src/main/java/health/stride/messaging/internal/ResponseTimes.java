package health.stride.messaging.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How quickly clinicians answer: for every patient message that found the thread waiting on no one
 * (the first since a clinician last wrote), the time until the first clinician's reply, credited to
 * the clinician who replied, over the last 30 days.
 */
@Service
@Transactional(readOnly = true)
public class ResponseTimes {

	public record ClinicianTimes(String clinician, int replies, Duration median, Duration p90) {}

	private final JdbcClient jdbc;
	private final Clock clock;

	ResponseTimes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<ClinicianTimes> lastThirtyDays() {
		return jdbc.sql("""
				with ordered as (
				  select m.thread_id, m.seq, m.sent_at, m.sender_role, m.sender_name,
				         lag(m.sender_role) over (partition by m.thread_id order by m.seq) as previous_role
				  from messaging.message m where m.sender_role <> 'SYSTEM'
				), asked as (
				  select thread_id, seq, sent_at from ordered
				  where sender_role = 'PATIENT' and (previous_role is null or previous_role <> 'PATIENT')
				), answered as (
				  select a.sent_at as asked_at, r.sent_at as replied_at, r.sender_name as clinician
				  from asked a
				  join lateral (select o.sent_at, o.sender_name from ordered o
				                where o.thread_id = a.thread_id and o.seq > a.seq and o.sender_role in ('THERAPIST', 'COACH')
				                order by o.seq limit 1) r on true
				  where a.sent_at >= ?
				)
				select clinician, count(*),
				       percentile_cont(0.5) within group (order by extract(epoch from replied_at - asked_at)),
				       percentile_cont(0.9) within group (order by extract(epoch from replied_at - asked_at))
				from answered group by clinician order by clinician""")
				.param(java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(30))))
				.query((row, number) -> new ClinicianTimes(row.getString(1), row.getInt(2), seconds(row.getDouble(3)),
						seconds(row.getDouble(4))))
				.list();
	}

	private static Duration seconds(double seconds) {
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

	/** "under 1 min", "45 min", "3 h 20 min", "2 d 4 h", in the reader's language. */
	public static MessageSourceResolvable words(@Nullable Duration duration) {
		if (duration == null) {
			return words("none");
		}
		var minutes = duration.toMinutes();
		if (minutes < 1) {
			return words("under-a-minute");
		}
		if (minutes < 60) {
			return words("minutes", minutes);
		}
		if (minutes < 24 * 60) {
			return words("hours", minutes / 60, minutes % 60);
		}
		return words("days", minutes / (24 * 60), (minutes % (24 * 60)) / 60);
	}

	private static MessageSourceResolvable words(String code, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { "messaging.duration." + code }, arguments);
	}
}
