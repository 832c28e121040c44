package health.stride.eligibility.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.EnrollmentId;
import health.stride.eligibility.MemberTerminated;
import health.stride.eligibility.RosterImportReport.LineError;
import health.stride.eligibility.RosterImportReport.Reason;
import health.stride.eligibility.SponsorId;
import health.stride.platform.tenancy.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one roster file to a sponsor's members, all or nothing, in one transaction. The sponsor's
 * roster is a partition of {@code eligibility.member} of its own: the valid lines are streamed with
 * binary COPY into a new table, the members the file no longer lists are carried over (their
 * coverage ended on the day of the import, unless their line was rejected), and the new table is
 * swapped in for the old roster; the database functions of migration V5 do the owner's part. The
 * sponsor's row is locked first, so two imports for one sponsor run one after the other.
 */
@Component
public class RosterImportJob {

	/** More rejected lines than this fail the whole upload: most likely the wrong file. */
	static final int MAX_REJECTED = 10_000;
	static final int REPORTED_ERRORS = 1_000;
	private static final long PROGRESS_EVERY_NANOS = 250_000_000;

	private static final Logger LOG = LoggerFactory.getLogger(RosterImportJob.class);

	private final DataSource dataSource;
	private final JdbcClient jdbc;
	private final TransactionTemplate importTransaction;
	private final TransactionTemplate ownTransaction;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;
	private final Clock clock;
	private final JdbcCoverageEnds coverageEnds;

	RosterImportJob(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions,
			ApplicationEventPublisher events, JsonMapper json, Clock clock, JdbcCoverageEnds coverageEnds) {
		this.coverageEnds = coverageEnds;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.importTransaction = new TransactionTemplate(transactions);
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/** Runs a queued import; the current tenant must be the import's clinic. */
	public void run(UUID importId, SponsorId sponsor, Path file) {

		CurrentTenant.require();
		update("update eligibility.roster_import set status = 'RUNNING' where id = ?", importId);

		try {
			var outcome = importTransaction.execute(status -> apply(importId, sponsor, file));
			LOG.info("Roster import {} completed: {} lines, {} added, {} updated, {} terminated, {} rejected", importId,
					outcome.rowsRead(), outcome.added(), outcome.updated(), outcome.terminated(), outcome.rejected());
		} catch (RosterFileException e) {
			fail(importId, e.reason());
		} catch (RuntimeException e) {
			LOG.error("Roster import {} failed", importId, e);
			fail(importId, Reason.of("eligibility.roster.error.unexpected"));
		}
	}

	record Outcome(long rowsRead, long added, long updated, long terminated, long rejected) {}

	private Outcome apply(UUID importId, SponsorId sponsor, Path file) {

		jdbc.sql("select id from eligibility.sponsor where id = ? for no key update").param(sponsor.id()).query().singleRow();
		var table = jdbc.sql("select eligibility.begin_roster_load(?)").param(importId).query(String.class).single();

		var errors = new ArrayList<LineError>();
		var rejectedIds = new TreeSet<String>();
		var rejected = new long[1];
		var started = System.nanoTime();
		var rowsRead = load(importId, table, file, errors, rejectedIds, rejected);
		var loaded = System.nanoTime();

		var duplicates = jdbc.sql("select member_id, lines from eligibility.roster_load_duplicates(?)").param(importId)
				.query((row, number) -> new Duplicate(row.getString("member_id"), (Integer[]) row.getArray("lines").getArray()))
				.list();
		for (var duplicate : duplicates) {
			var listed = Arrays.stream(duplicate.lines()).map(String::valueOf).collect(Collectors.joining(", "));
			for (var line : duplicate.lines()) {
				rejected[0]++;
				addError(errors, LineError.of(line, Reason.of("eligibility.roster.error.duplicate", listed)));
			}
			rejectedIds.add(duplicate.memberId());
		}

		var keyed = System.nanoTime();
		var today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		var applied = jdbc.sql("select added, updated, terminated, ended_enrollments from eligibility.apply_roster_load(?, ?, "
				+ "string_to_array(?, E'\\n'))")
				.params(importId, java.sql.Date.valueOf(today), String.join("\n", rejectedIds))
				.query((row, number) -> new Applied(row.getLong("added"), row.getLong("updated"), row.getLong("terminated"),
						(UUID[]) row.getArray("ended_enrollments").getArray()))
				.single();

		var tenant = CurrentTenant.require();
		jdbc.sql("select id, patient_id from eligibility.enrollment where id = any(?)").param(applied.endedEnrollments())
				.query((row, number) -> new MemberTerminated(tenant, sponsor,
						new EnrollmentId(row.getObject("id", UUID.class)), row.getObject("patient_id", UUID.class)))
				.list().forEach(events::publishEvent);
		coverageEnds.announceChanges(sponsor, null);
		LOG.info("Roster import {}: loaded in {} ms, keyed in {} ms, applied in {} ms", importId,
				(loaded - started) / 1_000_000, (keyed - loaded) / 1_000_000, (System.nanoTime() - keyed) / 1_000_000);

		jdbc.sql("""
				update eligibility.roster_import
				set status = 'COMPLETED', rows_read = ?, bytes_read = file_size, added = ?, updated = ?, terminated = ?,
				    rejected = ?, errors = ?::jsonb, finished_at = ?
				where id = ?""")
				.params(rowsRead, applied.added(), applied.updated(), applied.terminated(), rejected[0],
						json.writeValueAsString(errors), java.sql.Timestamp.from(clock.instant()), importId)
				.update();

		return new Outcome(rowsRead, applied.added(), applied.updated(), applied.terminated(), rejected[0]);
	}

	private record Duplicate(String memberId, Integer[] lines) {}

	private record Applied(long added, long updated, long terminated, UUID[] endedEnrollments) {}

	private long load(UUID importId, String table, Path file, List<LineError> errors,
			Set<String> rejectedIds, long[] rejected) {

		var connection = DataSourceUtils.getConnection(dataSource);
		var lastProgress = new long[] { System.nanoTime() };

		try (var content = new CountingInputStream(Files.newInputStream(file))) {

			var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + """
					 (line, member_id, first_name, last_name, date_of_birth, email, coverage_start, coverage_end,
					    last_name_key) from stdin (format binary)""");
			var parser = new RosterParser(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
			try (var parsed = new ParsedAhead(parser, content, error -> {
				if (++rejected[0] > MAX_REJECTED) {
					throw new RosterFileException("eligibility.roster.error.too-many-rejected", MAX_REJECTED);
				}
				addError(errors, LineError.of(error.line(), error.reason()));
				if (error.memberId() != null) {
					rejectedIds.add(error.memberId());
				}
			}, "roster-import-" + importId)) {

				var rows = new BinaryCopy(copy);
				for (var batch = parsed.next(); batch != null; batch = parsed.next()) {
					for (var row : batch) {
						rows.row(9).integer(Math.toIntExact(row.line())).text(row.memberId()).text(row.firstName())
								.text(row.lastName()).date(row.dateOfBirth()).text(row.email()).date(row.coverageStart())
								.date(row.coverageEnd()).text(Names.key(row.lastName()));
					}
					if (System.nanoTime() - lastProgress[0] > PROGRESS_EVERY_NANOS) {
						progress(importId, content.count());
						lastProgress[0] = System.nanoTime();
					}
				}
				rows.finish();
				return parsed.rowsRead();
			} finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		} catch (SQLException e) {
			throw new IllegalStateException("Could not load the roster", e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void addError(List<LineError> errors, LineError error) {
		if (errors.size() < REPORTED_ERRORS) {
			errors.add(error);
		}
	}

	private void progress(UUID importId, long bytesRead) {
		ownTransaction.executeWithoutResult(status -> jdbc
				.sql("update eligibility.roster_import set bytes_read = ? where id = ?").params(bytesRead, importId)
				.update());
	}

	private void fail(UUID importId, Reason reason) {
		ownTransaction.executeWithoutResult(status -> jdbc.sql("""
				update eligibility.roster_import
				set status = 'FAILED', failure_code = ?, failure_arguments = ?::jsonb, finished_at = ?
				where id = ?""")
				.params(reason.code(), json.writeValueAsString(reason.arguments()), java.sql.Timestamp.from(clock.instant()),
						importId)
				.update());
	}

	private void update(String sql, UUID importId) {
		ownTransaction.executeWithoutResult(status -> jdbc.sql(sql).param(importId).update());
	}

	/** Counts the bytes of the file read so far, for the progress bar. */
	private static final class CountingInputStream extends FilterInputStream {

		private volatile long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		long count() {
			return count;
		}

		@Override
		public int read() throws IOException {
			var b = super.read();
			if (b >= 0) {
				count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			var n = super.read(buffer, offset, length);
			if (n > 0) {
				count += n;
			}
			return n;
		}
	}
}
