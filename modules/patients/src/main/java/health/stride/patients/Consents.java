package health.stride.patients;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;

/**
 * The consents a patient gave before their intake: each document in a version, at a time. When a
 * document gets a new version the patient is asked again; the earlier consents stay on record.
 */
@Service
@Transactional(readOnly = true)
@EnableConfigurationProperties(ConsentVersions.class)
public class Consents {

	private final JdbcClient jdbc;
	private final ConsentVersions versions;
	private final AuditTrail audit;
	private final Clock clock;

	Consents(JdbcClient jdbc, ConsentVersions versions, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.audit = audit;
		this.clock = clock;
	}

	public record Consent(ConsentDocument document, String version, Instant acceptedAt) {}

	/** The current version of a document, the one a patient is asked to agree to now. */
	public String currentVersion(ConsentDocument document) {
		return versions.of(document);
	}

	/** The documents whose current version the patient has not agreed to yet. */
	public List<ConsentDocument> outstanding(PatientId patient) {

		var given = given(patient);
		return Arrays.stream(ConsentDocument.values())
				.filter(document -> given.stream().noneMatch(
						it -> it.document() == document && it.version().equals(versions.of(document))))
				.toList();
	}

	/** Every consent the patient gave, oldest first. */
	public List<Consent> given(PatientId patient) {
		return jdbc.sql("""
				select document, version, accepted_at from patients.consent where patient_id = ?
				order by accepted_at, document""")
				.param(patient.id())
				.query((row, number) -> new Consent(ConsentDocument.valueOf(row.getString(1)), row.getString(2),
						row.getTimestamp(3).toInstant()))
				.list();
	}

	/**
	 * Records that the patient agreed to the given version of a document; agreeing twice keeps the
	 * first time.
	 *
	 * @throws OutdatedVersion if the version is not the current one (the patient read an old text)
	 */
	@Transactional
	public void accept(PatientId patient, ConsentDocument document, String version) {

		if (!versions.of(document).equals(version)) {
			throw new OutdatedVersion(document);
		}
		jdbc.sql("""
				insert into patients.consent (patient_id, document, version, accepted_at)
				values (?, ?, ?, ?)
				on conflict do nothing""")
				.params(patient.id(), document.name(), version, java.sql.Timestamp.from(clock.instant())).update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "consent");
	}

	/** The patient agreed to a version of a document that is no longer current. */
	public static final class OutdatedVersion extends RuntimeException {

		private final ConsentDocument document;

		OutdatedVersion(ConsentDocument document) {
			super("The current version of " + document + " is another one");
			this.document = document;
		}

		public ConsentDocument document() {
			return document;
		}
	}

	/** The patient tried to go on before agreeing to the current consents. */
	public static final class Required extends RuntimeException {

		private final List<ConsentDocument> outstanding;

		Required(List<ConsentDocument> outstanding) {
			super("Consents outstanding: " + outstanding);
			this.outstanding = List.copyOf(outstanding);
		}

		public List<ConsentDocument> outstanding() {
			return outstanding;
		}
	}

	/** @throws Required unless the patient agreed to the current version of every document */
	public void require(PatientId patient) {
		var missing = outstanding(patient);
		if (!missing.isEmpty()) {
			throw new Required(missing);
		}
	}
}
