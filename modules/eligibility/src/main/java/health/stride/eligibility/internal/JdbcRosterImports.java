package health.stride.eligibility.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.eligibility.RosterImportId;
import health.stride.eligibility.RosterImportReport.LineError;
import health.stride.eligibility.RosterImportReport.Reason;
import health.stride.eligibility.RosterImportReport.Status;
import health.stride.eligibility.RosterImportReport;
import health.stride.eligibility.RosterImports.RosterTooLarge;
import health.stride.eligibility.RosterImports;
import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorSummary;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import tools.jackson.databind.json.JsonMapper;

/** {@link RosterImports} on the module's own tables. */
@Service
class JdbcRosterImports implements RosterImports {

	private static final Logger LOG = LoggerFactory.getLogger(JdbcRosterImports.class);
	private final RosterImportJob job;
	private final JdbcClient jdbc;
	private final TransactionTemplate ownTransaction;
	private final TaskExecutor executor;
	private final ClinicRegistry clinics;
	private final JsonMapper json;
	private final Clock clock;

	JdbcRosterImports(RosterImportJob job, JdbcClient jdbc, PlatformTransactionManager transactions,
			@org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor") TaskExecutor executor,
			ClinicRegistry clinics, JsonMapper json, Clock clock) {
		this.job = job;
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.executor = executor;
		this.clinics = clinics;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Queues the roster for the sponsor of the current clinic and starts importing it in the
	 * background.
	 *
	 * @param requestedBy the user id of the uploader, for the record
	 */
	@Override
	public RosterImportId submit(SponsorSummary sponsor, String fileName, InputStream content, String requestedBy) {

		var tenant = CurrentTenant.require();
		var file = spool(content);
		var id = UUID.randomUUID();

		try {
			ownTransaction.executeWithoutResult(status -> jdbc.sql("""
					insert into eligibility.roster_import
					  (id, sponsor_id, status, file_name, file_size, requested_by, created_at)
					values (?, ?, 'QUEUED', ?, ?, ?, ?)""")
					.params(id, sponsor.id().id(), displayable(fileName), size(file), requestedBy,
							java.sql.Timestamp.from(clock.instant()))
					.update());
		} catch (RuntimeException e) {
			delete(file);
			throw e;
		}

		executor.execute(() -> {
			try {
				CurrentTenant.runAs(tenant, () -> job.run(id, sponsor.id(), file));
			} finally {
				delete(file);
			}
		});

		return new RosterImportId(id);
	}

	@Override
	public Optional<RosterImportReport> report(RosterImportId id) {
		return ownTransaction.execute(status -> jdbc.sql("select * from eligibility.roster_import where id = ?")
				.param(id.id()).query((RowMapper<RosterImportReport>) this::report).optional());
	}

	@Override
	public List<RosterImportReport> latest(SponsorId sponsor, int limit) {
		return ownTransaction.execute(status -> jdbc.sql("""
				select * from eligibility.roster_import where sponsor_id = ? order by created_at desc limit ?""")
				.params(sponsor.id(), limit).query((RowMapper<RosterImportReport>) this::report).list());
	}

	/** Imports that a stopped process left unfinished will not finish: say so. */
	@EventListener(ApplicationReadyEvent.class)
	void failInterruptedImports() {
		for (var clinic : clinics.all()) {
			CurrentTenant.runAs(clinic.tenant(), () -> {
				var interrupted = ownTransaction.execute(status -> jdbc.sql("""
						update eligibility.roster_import
						set status = 'FAILED', failure_code = 'eligibility.roster.error.interrupted', failure_arguments = '[]',
						    finished_at = ?
						where status in ('QUEUED', 'RUNNING')""").param(java.sql.Timestamp.from(clock.instant())).update());
				if (interrupted != null && interrupted > 0) {
					LOG.warn("Marked {} interrupted roster imports of {} as failed", interrupted, clinic.tenant());
				}
			});
		}
	}

	private RosterImportReport report(ResultSet row, int number) throws SQLException {
		return new RosterImportReport(new RosterImportId(row.getObject("id", UUID.class)),
				new SponsorId(row.getObject("sponsor_id", UUID.class)), Status.valueOf(row.getString("status")),
				row.getString("file_name"), row.getLong("file_size"), row.getLong("bytes_read"), row.getLong("rows_read"),
				row.getLong("added"), row.getLong("updated"), row.getLong("terminated"), row.getLong("rejected"),
				Arrays.asList(json.readValue(row.getString("errors"), LineError[].class)), failure(row),
				row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("finished_at") == null ? null : row.getTimestamp("finished_at").toInstant());
	}

	/** Imports that failed before reasons were codes hold an English sentence: shown as written. */
	private @Nullable Reason failure(ResultSet row) throws SQLException {
		var code = row.getString("failure_code");
		if (code != null) {
			return new Reason(code, Arrays.asList(json.readValue(row.getString("failure_arguments"), String[].class)), null);
		}
		var written = row.getString("failure");
		return written == null ? null : Reason.asWritten(written);
	}

	private static Path spool(InputStream content) {
		try {
			var file = Files.createTempFile("stride-roster-", ".csv");
			try (content) {
				var copied = Files.copy(content, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				if (copied > MAX_FILE_SIZE) {
					delete(file);
					throw new RosterTooLarge();
				}
			}
			return file;
		} catch (IOException e) {
			throw new UncheckedIOException("Could not keep the uploaded roster", e);
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			LOG.warn("Could not delete the spooled roster {}", file);
		}
	}

	private static String displayable(String fileName) {
		var name = Path.of(fileName.isBlank() ? "roster.csv" : fileName).getFileName().toString();
		return name.length() > 200 ? name.substring(0, 200) : name;
	}
}
