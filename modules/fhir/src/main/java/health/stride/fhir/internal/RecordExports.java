package health.stride.fhir.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.hl7.fhir.r4.model.Bundle;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

import ca.uhn.fhir.context.FhirContext;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientSummary;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * A patient's record to take away: {@code record.json}, the very Bundle {@code Patient/$everything} answers,
 * and {@code summary.html}, a printable page in the patient's language read from that Bundle (so the two
 * never disagree), zipped. The patient downloads their own; a clinic administrator exports one patient's on
 * request, once they said why. Each export is one {@code EXPORT} entry of the audit trail.
 */
@Service
public class RecordExports {

	/** What the audit trail names an export of a record. */
	static final String RESOURCE = "fhir/export";

	static final String RECORD = "record.json";
	static final String SUMMARY = "summary.html";

	private final PatientDirectory patients;
	private final Everything everything;
	private final RecordSummaries summaries;
	private final ClinicRegistry clinics;
	private final AuditTrail audit;
	private final FhirContext fhir;
	private final Clock clock;

	RecordExports(PatientDirectory patients, Everything everything, RecordSummaries summaries, ClinicRegistry clinics,
			AuditTrail audit, FhirContext fhir, Clock clock) {
		this.patients = patients;
		this.everything = everything;
		this.summaries = summaries;
		this.clinics = clinics;
		this.audit = audit;
		this.fhir = fhir;
		this.clock = clock;
	}

	/** The zip, under a name that says nothing about whose it is. */
	public record RecordExport(String fileName, byte[] zip) {}

	/**
	 * The signed-in patient's own record; empty if they are no patient of the current clinic.
	 *
	 * @param base the FHIR API's address, which the Bundle's entries are named under
	 */
	public Optional<RecordExport> mine(StrideUser user, String base) {
		var clinic = CurrentTenant.require();
		if (!user.has(Role.PATIENT)) {
			return Optional.empty();
		}
		return patients.findByUsername(user.username()).map(patient -> {
			var export = export(patient, Requester.patient(user, clinic, patient.id()), base);
			audit.record(user, clinic, AuditAction.EXPORT, AuditOutcome.SUCCESS, patient.id().id(), RESOURCE);
			return export;
		});
	}

	/**
	 * One patient's whole record for a clinic administrator of the current clinic, who gave the reason; empty
	 * (and the refusal audited) for anyone else, and for a patient the clinic does not have (another clinic's
	 * patients are not even found: row-level security). The administrator reads nobody else's care this way.
	 *
	 */
	public Optional<RecordExport> onRequest(StrideUser administrator, PatientId patient, ExportReason reason,
			String base) {
		var clinic = CurrentTenant.require();
		var summary = administrator.has(Role.CLINIC_ADMIN) ? patients.find(patient) : Optional.<PatientSummary> empty();
		if (summary.isEmpty()) {
			audit.record(administrator, clinic, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, null, RESOURCE);
			return Optional.empty();
		}
		var export = export(summary.get(), Requester.exportOnRequest(administrator, clinic, patient), base);
		audit.recordWithReason(administrator, clinic, AuditAction.EXPORT, AuditOutcome.SUCCESS, patient.id(), RESOURCE,
				reason.code());
		return Optional.of(export);
	}

	private RecordExport export(PatientSummary patient, Requester requester, String base) {

		var locale = patients.languageOf(patient.id()).locale();
		var zone = zone(patient);
		// the record is the patient's: its words (Stride's messages, kinds of visit) are in their language,
		// whoever downloads it
		var bundle = inLocale(locale, () -> Bundles.everything(base, base + "/Patient/" + patient.id().id() + "/$everything",
				everything.collect(patient.id(), requester)));
		var json = fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
		// the summary reads the record as written to the file, so both say the same
		var written = fhir.newJsonParser().parseResource(Bundle.class, json);
		var clinic = clinics.find(requester.clinic()).map(Clinic::name).orElse(null);
		var html = summaries.html(written, locale, zone, clinic, clock.instant());

		var today = LocalDate.now(clock.withZone(zone));
		return new RecordExport("stride-record-" + today + ".zip", zip(json, html));
	}

	private byte[] zip(String json, String html) {
		var bytes = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			var now = FileTime.from(clock.instant());
			for (var file : new String[][] { { RECORD, json }, { SUMMARY, html } }) {
				var entry = new ZipEntry(file[0]);
				entry.setLastModifiedTime(now);
				zip.putNextEntry(entry);
				zip.write(file[1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		} catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
		return bytes.toByteArray();
	}

	private static <T> T inLocale(Locale locale, Supplier<T> work) {
		var before = LocaleContextHolder.getLocaleContext();
		LocaleContextHolder.setLocale(locale);
		try {
			return work.get();
		} finally {
			LocaleContextHolder.setLocaleContext(before);
		}
	}

	private static ZoneId zone(PatientSummary patient) {
		try {
			return ZoneId.of(patient.timeZone());
		} catch (RuntimeException unknown) {
			return ZoneId.of("UTC");
		}
	}
}
