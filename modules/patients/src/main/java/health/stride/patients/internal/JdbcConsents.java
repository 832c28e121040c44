package health.stride.patients.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.ConsentDocument;
import health.stride.patients.ConsentVersions;
import health.stride.patients.Consents.Consent;
import health.stride.patients.Consents.OutdatedVersion;
import health.stride.patients.Consents.Required;
import health.stride.patients.Consents;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;

/** {@link Consents} on the module's own tables. */
@Service
@Transactional(readOnly = true)
@EnableConfigurationProperties(ConsentVersions.class)
class JdbcConsents implements Consents {

	private final JdbcClient jdbc;
	private final ConsentVersions versions;
	private final AuditTrail audit;
	private final Clock clock;

	JdbcConsents(JdbcClient jdbc, ConsentVersions versions, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.versions = versions;
		this.audit = audit;
		this.clock = clock;
	}

	/** The current version of a document, the one a patient is asked to agree to now. */
	@Override
	public String currentVersion(ConsentDocument document) {
		return versions.of(document);
	}

	/** The documents whose current version the patient has not agreed to yet. */
	@Override
	public List<ConsentDocument> outstanding(PatientId patient) {

		var given = given(patient);
		return Arrays.stream(ConsentDocument.values())
				.filter(document -> given.stream().noneMatch(
						it -> it.document() == document && it.version().equals(versions.of(document))))
				.toList();
	}

	/** Every consent the patient gave, oldest first. */
	@Override
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
	@Override
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

	/** @throws Required unless the patient agreed to the current version of every document */
	@Override
	public void require(PatientId patient) {
		var missing = outstanding(patient);
		if (!missing.isEmpty()) {
			throw new Required(missing);
		}
	}
}
