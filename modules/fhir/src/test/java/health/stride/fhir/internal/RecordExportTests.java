package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import ca.uhn.fhir.context.FhirContext;
import health.stride.patients.PatientDirectory;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditEvent;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.i18n.Language;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * The record to take away: the Bundle of {@code $everything} and a summary read from it, zipped, in the
 * patient's language; the patient's own, or one patient's for an administrator who gave a reason, each an
 * audited export; nobody else's.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(MovableClock.Replacing.class)
@TestPropertySource(properties = "stride.visits.missed-interval=PT1H")
class RecordExportTests {

	static final String BASE = "https://stride.example/fhir";

	private final CareRecordFixture fixture;
	private final RecordExports exports;
	private final Everything everything;
	private final PatientDirectory patients;
	private final AuditTrail audit;
	private final MovableClock clock;
	private final FhirContext fhir = FhirContext.forR4Cached();

	RecordExportTests(CareRecordFixture fixture, RecordExports exports, Everything everything, PatientDirectory patients,
			AuditTrail audit, MovableClock clock) {
		this.fixture = fixture;
		this.exports = exports;
		this.everything = everything;
		this.patients = patients;
		this.audit = audit;
		this.clock = clock;
	}

	@BeforeEach
	void mayaWithAMessageAndAVisitThatTookPlace() {
		fixture.create(clock);
		fixture.post(fixture.maya, fixture.mayaSignedIn(), "Can we talk about <b>bending</b>?");
		fixture.post(fixture.leo, fixture.leoSignedIn(), "Leo asks about his knee.");
		var visit = fixture.book(fixture.maya, VisitResourceTests.TUESDAY);
		clock.set(VisitResourceTests.TUESDAY.plus(Duration.ofMinutes(20)));
		fixture.hold(visit);
	}

	@Test
	void givesThePatientTheBundleOfEverythingAndASummaryReadFromIt() throws IOException {

		var export = CurrentTenant.callAs(fixture.clinic, () -> exports.mine(fixture.mayaSignedIn(), BASE)).orElseThrow();
		assertThat(export.fileName()).isEqualTo("stride-record-2026-03-03.zip").doesNotContain("Maya", "Okafor");

		var files = unzip(export.zip());
		assertThat(files.keySet()).containsExactly("record.json", "summary.html");
		var bundle = fhir.newJsonParser().parseResource(Bundle.class, files.get("record.json"));
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		assertThat(bundle.getEntry()).allSatisfy(it -> assertThat(it.getFullUrl()).startsWith(BASE + "/"));
		assertThat(bundle.getEntry()).extracting(it -> it.getResource().fhirType()).contains("Patient", "Appointment",
				"Encounter", "Communication");
		assertThat(bundle.getEntry()).map(Bundle.BundleEntryComponent::getResource).filteredOn(Communication.class::isInstance)
				.map(it -> ((Communication) it).getPayloadFirstRep().getContentStringType().getValue())
				.contains("Can we talk about <b>bending</b>?").doesNotContain("Leo asks about his knee.");
		assertThat(bundle.getEntry()).map(Bundle.BundleEntryComponent::getResource).filteredOn(Patient.class::isInstance)
				.singleElement().satisfies(it -> assertThat(it.getIdElement().getIdPart()).isEqualTo(fixture.maya.toString()));
		// the same resources $everything answers
		var direct = CurrentTenant.callAs(fixture.clinic, () -> everything.of(fixture.maya, fixture.asMaya())).orElseThrow();
		assertThat(bundle.getEntry()).extracting(it -> it.getResource().fhirType() + "/" + it.getResource().getIdElement().getIdPart())
				.containsExactlyElementsOf(direct.stream().map(it -> it.fhirType() + "/" + it.getIdElement().getIdPart()).toList());
		assertThat(bundle.getEntry()).map(Bundle.BundleEntryComponent::getResource).filteredOn(Encounter.class::isInstance)
				.hasSize(1);

		var summary = files.get("summary.html");
		assertThat(summary).contains("<html lang=\"en\"", "Health record of Maya Okafor", "Messages with your care team",
				"Can we talk about &lt;b&gt;bending&lt;/b&gt;?", "Follow-up", "Alex Morgan, PT", "Took place")
				.doesNotContain("<b>bending", "Leo", "<script");

		var exported = entries(AuditAction.EXPORT);
		assertThat(exported).singleElement().satisfies(it -> {
			assertThat(it.actorUsername()).isEqualTo(fixture.mayasUsername);
			assertThat(it.resource()).isEqualTo("fhir/export");
			assertThat(it.reason()).isNull();
		});
	}

	@Test
	void writesTheSummaryAndTheRecordsWordsInThePatientsLanguage() throws IOException {

		CurrentTenant.runAs(fixture.clinic, () -> patients.changeLanguage(fixture.maya, Language.SPANISH));

		var export = CurrentTenant.callAs(fixture.clinic, () -> exports.mine(fixture.mayaSignedIn(), BASE)).orElseThrow();
		var files = unzip(export.zip());
		assertThat(files.get("summary.html")).contains("<html lang=\"es\"", "Expediente de salud de Maya Okafor",
				"Mensajes con su equipo de atención", "Seguimiento", "Realizada");
		assertThat(files.get("record.json")).contains("Visita por video: Seguimiento");
	}

	@Test
	void exportsOnePatientForAnAdministratorWithTheReasonInTheAuditTrail() throws IOException {

		var admin = fixture.user("admin.nora", Role.CLINIC_ADMIN);
		var export = CurrentTenant.callAs(fixture.clinic,
				() -> exports.onRequest(admin, fixture.maya, ExportReason.TRANSFER_OF_CARE, BASE)).orElseThrow();
		var bundle = fhir.newJsonParser().parseResource(Bundle.class, unzip(export.zip()).get("record.json"));
		assertThat(bundle.getEntry()).extracting(it -> it.getResource().fhirType()).contains("Communication", "Encounter");
		assertThat(bundle.getEntry()).map(Bundle.BundleEntryComponent::getResource).filteredOn(Communication.class::isInstance)
				.allSatisfy(it -> assertThat(((Communication) it).getSubject().getReference()).isEqualTo("Patient/" + fixture.maya));

		assertThat(entries(AuditAction.EXPORT)).singleElement().satisfies(it -> {
			assertThat(it.actorUsername()).isEqualTo("admin.nora");
			assertThat(it.reason()).isEqualTo("transfer-of-care");
			assertThat(it.patientId()).isEqualTo(fixture.maya.id());
		});
	}

	@Test
	void exportsNothingForSomeoneElseNorAnotherClinicsPatient() {

		// an export on request is the administrators' only: a therapist of the clinic gets nothing this way
		var therapist = fixture.user("pt.sam", Role.THERAPIST);
		assertThat(CurrentTenant.callAs(fixture.clinic,
				() -> exports.onRequest(therapist, fixture.maya, ExportReason.PATIENT_REQUEST, BASE))).isEmpty();
		// an administrator of another clinic does not find the patient at all
		var elsewhere = fixture.newClinic();
		var otherAdmin = new health.stride.platform.security.StrideUser("other-admin", "admin.other",
				java.util.List.of(elsewhere), java.util.Set.of(Role.CLINIC_ADMIN));
		assertThat(CurrentTenant.callAs(elsewhere,
				() -> exports.onRequest(otherAdmin, fixture.maya, ExportReason.LEGAL_REQUEST, BASE))).isEmpty();
		// a clinician is no patient: no record of their own to download
		assertThat(CurrentTenant.callAs(fixture.clinic, () -> exports.mine(fixture.alexSignedIn(), BASE))).isEmpty();

		assertThat(entries(AuditAction.EXPORT)).isEmpty();
		var refusals = CurrentTenant.callAs(fixture.clinic, () -> audit.latest(50)).stream()
				.filter(it -> it.action() == AuditAction.ACCESS_DENIED && "fhir/export".equals(it.resource()))
				.map(AuditEvent::actorUsername).toList();
		assertThat(refusals).contains("pt.sam");
	}

	private java.util.List<AuditEvent> entries(AuditAction action) {
		return CurrentTenant.callAs(fixture.clinic, () -> audit.aboutPatient(fixture.maya.id(), 200)).stream()
				.filter(it -> it.action() == action).toList();
	}

	static Map<String, String> unzip(byte[] zip) throws IOException {
		var files = new LinkedHashMap<String, String>();
		try (var entries = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return files;
	}
}
