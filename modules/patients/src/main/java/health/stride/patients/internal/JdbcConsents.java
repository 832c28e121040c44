package health.stride.patients.internal;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.ConsentDocument;
import health.stride.patients.ConsentVersions;
import health.stride.patients.Consents.Consent;
import health.stride.patients.Consents.OutdatedVersion;
import health.stride.patients.Consents.Published;
import health.stride.patients.Consents.Required;
import health.stride.patients.Consents;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.validation.FieldErrors;

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

	/** The clinic's last published version of a document, else the default one. */
	@Override
	public String currentVersion(ConsentDocument document) {
		return published(document).map(Published::version).orElseGet(() -> versions.of(document));
	}

	@Override
	public Optional<Published> published(ConsentDocument document) {
		return history(document, 1).stream().findFirst();
	}

	@Override
	public List<Published> history(ConsentDocument document) {
		return history(document, Integer.MAX_VALUE);
	}

	private List<Published> history(ConsentDocument document, int limit) {
		return jdbc.sql("""
				select version, text_en, text_es, published_at, published_by from patients.consent_version
				where document = ? order by version desc limit ?""")
				.params(document.name(), limit)
				.query((row, number) -> new Published(document, row.getInt(1), row.getString(2), row.getString(3),
						row.getTimestamp(4).toInstant(), row.getString(5)))
				.list();
	}

	@Transactional
	@Override
	public Published publish(ConsentDocument document, @Nullable String english, @Nullable String spanish,
			String publishedBy) {

		var errors = new FieldErrors();
		var en = english == null ? "" : english.strip();
		var es = spanish == null || spanish.isBlank() ? null : spanish.strip();
		if (en.isEmpty()) {
			errors.reject("english", "patients.consent-version.english.required");
		} else if (en.length() > Published.MAX_LENGTH) {
			errors.reject("english", "patients.consent-version.too-long", Published.MAX_LENGTH);
		}
		if (es != null && es.length() > Published.MAX_LENGTH) {
			errors.reject("spanish", "patients.consent-version.too-long", Published.MAX_LENGTH);
		}
		if (en.indexOf('\0') >= 0 || (es != null && es.indexOf('\0') >= 0)) {
			errors.reject(en.indexOf('\0') >= 0 ? "english" : "spanish", "patients.consent-version.invalid");
		}
		errors.throwIfAny();

		var now = clock.instant();
		// the next number under a lock of the clinic's versions of this document: two
		// administrators publishing at once get 1 and 2, not a clash
		jdbc.sql("""
				select 1 from (select pg_advisory_xact_lock(
				    hashtext('consent_version:' || current_setting('stride.tenant_id', true) || ':' || ?))) as locked""")
				.param(document.name()).query(Integer.class).single();
		var number = jdbc.sql("select coalesce(max(version), 0) + 1 from patients.consent_version where document = ?")
				.param(document.name()).query(Integer.class).single();
		jdbc.sql("""
				insert into patients.consent_version (document, version, text_en, text_es, published_at, published_by)
				values (?, ?, ?, ?, ?, ?)""")
				.params(document.name(), number, en, es, java.sql.Timestamp.from(now), publishedBy).update();
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "consent-version");
		return new Published(document, number, en, es, now, publishedBy);
	}

	/** The documents whose current version the patient has not agreed to yet. */
	@Override
	public List<ConsentDocument> outstanding(PatientId patient) {

		var given = given(patient);
		return Arrays.stream(ConsentDocument.values()).filter(document -> {
			var current = currentVersion(document);
			return given.stream().noneMatch(it -> it.document() == document && it.version().equals(current));
		}).toList();
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

		if (!currentVersion(document).equals(version)) {
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
