package health.stride.eligibility.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.MemberTerminated;
import health.stride.eligibility.RosterImportReport.LineError;
import health.stride.eligibility.SponsorId;
import health.stride.platform.tenancy.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one roster file to a sponsor's members, all or nothing, in one transaction: the valid
 * lines are streamed into a staging table with COPY, then set-based statements add new members,
 * update changed ones and end the coverage of members missing from the file. Members whose line
 * was rejected keep their coverage as it was. The sponsor's row is locked first, so two imports
 * for one sponsor run one after the other.
 */
@Component
public class RosterImportJob {

	/** More rejected lines than this fail the whole upload: most likely the wrong file. */
	static final int MAX_REJECTED = 10_000;
	static final int REPORTED_ERRORS = 1_000;
	private static final int PROGRESS_EVERY = 20_000;

	private static final Logger LOG = LoggerFactory.getLogger(RosterImportJob.class);

	private final DataSource dataSource;
	private final JdbcClient jdbc;
	private final TransactionTemplate importTransaction;
	private final TransactionTemplate ownTransaction;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;
	private final Clock clock;

	RosterImportJob(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions,
			ApplicationEventPublisher events, JsonMapper json, Clock clock) {
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
			fail(importId, e.getMessage());
		} catch (RuntimeException e) {
			LOG.error("Roster import {} failed", importId, e);
			fail(importId, "The import failed unexpectedly. Nothing was changed; please try again.");
		}
	}

	record Outcome(long rowsRead, long added, long updated, long terminated, long rejected) {}

	private Outcome apply(UUID importId, SponsorId sponsor, Path file) {

		jdbc.sql("select id from eligibility.sponsor where id = ? for update").param(sponsor.id()).query().singleRow();

		jdbc.sql("""
				create temporary table roster_staging (
				    line bigint, member_id text, first_name text, last_name text, date_of_birth date, email text,
				    coverage_start date, coverage_end date, first_name_key text, last_name_key text, email_key text
				) on commit drop""").update();
		jdbc.sql("create temporary table roster_rejected (member_id text primary key) on commit drop").update();

		var errors = new ArrayList<LineError>();
		var rejectedIds = new HashSet<String>();
		var rejected = new long[1];
		var clock0 = System.nanoTime();
		var rowsRead = stage(importId, file, errors, rejectedIds, rejected);
		var staged = System.nanoTime();

		for (var duplicate : jdbc.sql("""
				select member_id, array_agg(line order by line)::text as lines from roster_staging
				group by member_id having count(*) > 1 order by min(line)""")
				.query((row, number) -> new String[] { row.getString(1), row.getString(2) }).list()) {

			var lines = duplicate[1].replaceAll("[{}]", "").split(",");
			for (var line : lines) {
				rejected[0]++;
				addError(errors, new LineError(Long.parseLong(line),
						"The member id appears more than once in the file (lines " + String.join(", ", lines) + ")."));
			}
			rejectedIds.add(duplicate[0]);
		}
		jdbc.sql("delete from roster_staging s using (select member_id from roster_staging group by member_id "
				+ "having count(*) > 1) d where s.member_id = d.member_id").update();

		// a temporary table has no statistics until analysed: without them the planner guesses badly
		jdbc.sql("create unique index on roster_staging (member_id)").update();
		jdbc.sql("analyze roster_staging").update();

		rememberRejected(rejectedIds);

		var today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		var now = java.sql.Timestamp.from(clock.instant());

		var added = jdbc.sql("""
				insert into eligibility.member (tenant_id, id, sponsor_id, member_id, first_name, last_name,
				    date_of_birth, email, coverage_start, coverage_end, first_name_key, last_name_key, email_key, updated_at)
				select current_setting('stride.tenant_id', true), gen_random_uuid(), ?, s.member_id, s.first_name,
				       s.last_name, s.date_of_birth, s.email, s.coverage_start, s.coverage_end, s.first_name_key,
				       s.last_name_key, s.email_key, ?
				from roster_staging s
				where not exists (select 1 from eligibility.member m where m.sponsor_id = ? and m.member_id = s.member_id)""")
				.params(sponsor.id(), now, sponsor.id()).update();

		var updated = jdbc.sql("""
				update eligibility.member m
				set first_name = s.first_name, last_name = s.last_name, date_of_birth = s.date_of_birth, email = s.email,
				    coverage_start = s.coverage_start, coverage_end = s.coverage_end, first_name_key = s.first_name_key,
				    last_name_key = s.last_name_key, email_key = s.email_key, updated_at = ?
				from roster_staging s
				where m.sponsor_id = ? and m.member_id = s.member_id
				  and (m.first_name, m.last_name, m.date_of_birth, m.email, m.coverage_start, m.coverage_end)
				      is distinct from (s.first_name, s.last_name, s.date_of_birth, s.email, s.coverage_start, s.coverage_end)""")
				.params(now, sponsor.id()).update();

		var terminated = jdbc.sql("""
				update eligibility.member m
				set coverage_end = greatest(?, m.coverage_start), updated_at = ?
				where m.sponsor_id = ?
				  and (m.coverage_end is null or m.coverage_end > ?)
				  and not exists (select 1 from roster_staging s where s.member_id = m.member_id)
				  and not exists (select 1 from roster_rejected r where r.member_id = m.member_id)
				returning m.id""")
				.params(java.sql.Date.valueOf(today), now, sponsor.id(), java.sql.Date.valueOf(today))
				.query(UUID.class).list();

		var tenant = CurrentTenant.require();
		terminated.forEach(member -> events.publishEvent(new MemberTerminated(tenant, sponsor, member)));
		LOG.info("Roster import {}: staged in {} ms, applied in {} ms", importId, (staged - clock0) / 1_000_000,
				(System.nanoTime() - staged) / 1_000_000);

		jdbc.sql("""
				update eligibility.roster_import
				set status = 'COMPLETED', rows_read = ?, bytes_read = file_size, added = ?, updated = ?, terminated = ?,
				    rejected = ?, errors = ?::jsonb, finished_at = ?
				where id = ?""")
				.params(rowsRead, added, updated, terminated.size(), rejected[0], json.writeValueAsString(errors), now,
						importId)
				.update();

		return new Outcome(rowsRead, added, updated, terminated.size(), rejected[0]);
	}

	private long stage(UUID importId, Path file, List<LineError> errors, Set<String> rejectedIds, long[] rejected) {

		var connection = DataSourceUtils.getConnection(dataSource);
		var copyText = new CopyText();
		var sinceProgress = new long[1];

		try (var content = new CountingInputStream(Files.newInputStream(file))) {

			var copy = copyInto(connection);
			var buffer = new ChunkedCopy(copy);
			try {
				var rowsRead = new RosterParser(LocalDate.now(clock.withZone(ZoneOffset.UTC))).parse(content, row -> {
					buffer.write(copyText.field(row.line()).field(row.memberId()).field(row.firstName())
							.field(row.lastName()).field(row.dateOfBirth()).field(row.email())
							.field(row.coverageStart()).field(row.coverageEnd()).field(Names.key(row.firstName()))
							.field(Names.key(row.lastName())).field(Names.emailKey(row.email())).endLine());
					if (++sinceProgress[0] == PROGRESS_EVERY) {
						sinceProgress[0] = 0;
						progress(importId, content.count());
					}
				}, error -> {
					if (++rejected[0] > MAX_REJECTED) {
						throw new RosterFileException("More than " + MAX_REJECTED
								+ " lines were rejected, so this does not look like the sponsor's roster. Nothing was imported.");
					}
					addError(errors, new LineError(error.line(), error.message()));
					if (error.memberId() != null) {
						rejectedIds.add(error.memberId());
					}
				});
				buffer.flush();
				copy.endCopy();
				return rowsRead;
			} finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		} catch (SQLException e) {
			throw new IllegalStateException("Could not stage the roster", e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static CopyIn copyInto(Connection connection) throws SQLException {
		return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
				copy roster_staging (line, member_id, first_name, last_name, date_of_birth, email, coverage_start,
				    coverage_end, first_name_key, last_name_key, email_key) from stdin""");
	}

	private static void write(CopyIn copy, String line) {
		write(copy, line.getBytes(StandardCharsets.UTF_8));
	}

	private static void write(CopyIn copy, byte[] bytes) {
		try {
			copy.writeToCopy(bytes, 0, bytes.length);
		} catch (SQLException e) {
			throw new IllegalStateException("Could not stage the roster", e);
		}
	}

	private void rememberRejected(Set<String> memberIds) {

		if (memberIds.isEmpty()) {
			return;
		}

		var connection = DataSourceUtils.getConnection(dataSource);
		try {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy roster_rejected (member_id) from stdin");
			var text = new CopyText();
			for (var memberId : memberIds) {
				write(copy, text.field(memberId).endLine());
			}
			copy.endCopy();
		} catch (SQLException e) {
			throw new IllegalStateException("Could not stage the rejected members", e);
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

	private void fail(UUID importId, String reason) {
		ownTransaction.executeWithoutResult(status -> jdbc.sql("""
				update eligibility.roster_import set status = 'FAILED', failure = ?, finished_at = ? where id = ?""")
				.params(reason, java.sql.Timestamp.from(clock.instant()), importId).update());
	}

	private void update(String sql, UUID importId) {
		ownTransaction.executeWithoutResult(status -> jdbc.sql(sql).param(importId).update());
	}

	/** Sends staged lines to PostgreSQL in chunks of about 64 KB rather than one message per line. */
	private static final class ChunkedCopy {

		private final CopyIn copy;
		private final java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream(80 * 1024);

		ChunkedCopy(CopyIn copy) {
			this.copy = copy;
		}

		void write(String line) {
			chunk.writeBytes(line.getBytes(StandardCharsets.UTF_8));
			if (chunk.size() >= 64 * 1024) {
				flush();
			}
		}

		void flush() {
			if (chunk.size() > 0) {
				RosterImportJob.write(copy, chunk.toByteArray());
				chunk.reset();
			}
		}
	}

	/** Counts the bytes of the file read so far, for the progress bar. */
	private static final class CountingInputStream extends FilterInputStream {

		private long count;

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
