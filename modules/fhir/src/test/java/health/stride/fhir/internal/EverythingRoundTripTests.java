package health.stride.fhir.internal;

import static health.stride.fhir.internal.ObservationFixtures.*;
import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import ca.uhn.fhir.context.FhirContext;
import health.stride.patients.CareTeams;
import health.stride.patients.Consents;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.Sessions;

/**
 * {@code Patient/$everything} of a patient with 200 sessions, written out as JSON and read back by HAPI's
 * parser, holds the pain before and after every one of them.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class EverythingRoundTripTests {

	private static final int SESSIONS = 200;

	private final Everything everything;
	private final ObservationFixtures fixtures;

	EverythingRoundTripTests(Everything everything, ClinicRegistry clinics, ProgramTemplates templates,
			PatientDirectory patients, Consents consents, Intakes intakes, CareTeams careTeams, Plans plans,
			Sessions sessions) {
		this.everything = everything;
		this.fixtures = new ObservationFixtures(clinics, templates, patients, consents, intakes, careTeams, plans, sessions);
	}

	@Test
	void theBundleOfAPatientWith200SessionsHoldsBothPainsOfEverySessionAfterARoundTrip() {

		var clinic = fixtures.clinic();
		var maya = fixtures.patientOnPlan(clinic, "maya." + UUID.randomUUID());
		var logged = new ArrayList<Sessions.Measures>();
		for (int i = 0; i < SESSIONS; i++) {
			// one every half hour, the last 100 hours: within the two weeks a session may be logged late
			logged.add(fixtures.session(clinic, maya, ago(Duration.ofMinutes(30L * i + 5)), 4, 3, null));
		}

		var asMaya = patient(clinic, maya, "maya");
		var record = in(clinic, () -> everything.of(maya, asMaya)).orElseThrow();
		var bundle = Bundles.everything("https://stride.example/fhir",
				"https://stride.example/fhir/Patient/" + maya.id() + "/$everything", record);
		var json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);

		var parsed = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
		var observations = parsed.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Observation.class::isInstance).map(Observation.class::cast).toList();
		assertThat(observations).hasSizeGreaterThanOrEqualTo(2 * SESSIONS);
		assertThat(parsed.getTotal()).isEqualTo(parsed.getEntry().size());
		var ids = observations.stream().map(it -> it.getIdElement().getIdPart()).toList();
		assertThat(ids).doesNotHaveDuplicates();
		for (var session : logged) {
			assertThat(ids).contains("pain-before-" + session.session(), "pain-after-" + session.session());
		}
		assertThat(observations).filteredOn(it -> it.getIdElement().getIdPart().startsWith("pain-before-"))
				.hasSize(SESSIONS)
				.allSatisfy(it -> {
					assertThat(it.getValueQuantity().getValue().intValue()).isEqualTo(4);
					assertThat(it.getSubject().getReference()).isEqualTo("Patient/" + maya.id());
				});
		assertThat(FhirValidation.errors(parsed)).isEmpty();
	}
}
