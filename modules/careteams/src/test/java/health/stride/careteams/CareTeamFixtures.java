package health.stride.careteams;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import health.stride.patients.Aggravator;
import health.stride.patients.ConsentDocument;
import health.stride.patients.Consents;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.Intakes;
import health.stride.patients.NewPatient;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;

/** Patients who finished their intake, made through the patients module's API. */
@Component
class CareTeamFixtures {

	private final PatientDirectory patients;
	private final Consents consents;
	private final Intakes intakes;

	CareTeamFixtures(PatientDirectory patients, Consents consents, Intakes intakes) {
		this.patients = patients;
		this.consents = consents;
		this.intakes = intakes;
	}

	/** Registers a patient living in the state; the current tenant must be set. */
	PatientId patient(String firstName, String state) {
		return patients.register(new NewPatient(UUID.randomUUID().toString(),
				firstName.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 6), firstName, "Tester",
				LocalDate.of(1980, 5, 17), firstName.toLowerCase() + "@example.org", null, state, "America/Los_Angeles"));
	}

	/** Consents and a finished intake, red flags answered as given; the current tenant must be set. */
	void completeIntake(PatientId patient, RedFlag... yes) {

		for (var document : ConsentDocument.values()) {
			consents.accept(patient, document, consents.currentVersion(document));
		}
		var answers = new java.util.HashMap<String, Boolean>();
		for (var flag : RedFlag.values()) {
			answers.put(flag.code(), List.of(yes).contains(flag));
		}
		intakes.submit(patient, new IntakeAnswers(java.util.Set.of(PainRegion.LOW_BACK), 5, PainDuration.CHRONIC,
				java.util.Set.of(Aggravator.SITTING), java.util.Set.of(), "Garden again", List.of(new PsfsItem("Gardening", 4)),
				java.util.Set.copyOf(java.util.Arrays.stream(RedFlag.values()).filter(it -> Boolean.TRUE.equals(answers.get(it.code()))).toList())));
	}
}
