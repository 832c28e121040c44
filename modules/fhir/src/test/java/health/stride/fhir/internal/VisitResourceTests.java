package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import health.stride.platform.security.Role;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.VisitId;
import health.stride.visits.VisitStatus;

/**
 * Visits as {@code Appointment} (every booked visit, whatever became of it) and {@code Encounter} (the visits
 * that took place: finished, virtual), made through the visits module's own API, valid against R4, searched by
 * patient, date and status; nobody outside the patient's care reads them.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(MovableClock.Replacing.class)
@TestPropertySource(properties = "stride.visits.missed-interval=PT1H")
class VisitResourceTests {

	/** Tuesday to Thursday at 10:00 in Los Angeles. */
	static final Instant TUESDAY = Instant.parse("2026-03-03T18:00:00Z");
	static final Instant WEDNESDAY = TUESDAY.plus(Duration.ofDays(1));
	static final Instant THURSDAY = TUESDAY.plus(Duration.ofDays(2));

	private final CareRecordFixture fixture;
	private final AppointmentResources appointments;
	private final EncounterResources encounters;
	private final MovableClock clock;

	private VisitId held;
	private VisitId booked;
	private VisitId cancelled;

	VisitResourceTests(CareRecordFixture fixture, AppointmentResources appointments, EncounterResources encounters,
			MovableClock clock) {
		this.fixture = fixture;
		this.appointments = appointments;
		this.encounters = encounters;
		this.clock = clock;
	}

	@BeforeEach
	void threeVisitsOfMayaOneHeldOneBookedOneCancelled() {
		fixture.create(clock);
		held = fixture.book(fixture.maya, TUESDAY);
		booked = fixture.book(fixture.maya, WEDNESDAY);
		cancelled = fixture.book(fixture.maya, THURSDAY);
		fixture.cancel(cancelled);
		clock.set(TUESDAY.plus(Duration.ofMinutes(20)));
		fixture.hold(held);
	}

	@Test
	void showsEveryBookedVisitAsAValidAppointmentWithWhatBecameOfIt() {

		var all = CurrentTenant.callAs(fixture.clinic, () -> appointments.everything(fixture.maya, fixture.asMaya()))
				.stream().map(Appointment.class::cast).toList();
		assertThat(ids(all)).containsExactly(held.toString(), booked.toString(), cancelled.toString());
		assertThat(all).extracting(Appointment::getStatus).containsExactly(AppointmentStatus.FULFILLED,
				AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED);
		for (var appointment : all) {
			assertThat(FhirValidation.errors(appointment)).as(appointment.getIdElement().getIdPart()).isEmpty();
			FhirValidation.warnings(appointment).forEach(it -> System.out.println("Appointment warning: " + it));
		}

		var first = all.get(0);
		assertThat(first.getStart().toInstant()).isEqualTo(TUESDAY);
		assertThat(first.getEnd().toInstant()).isAfter(TUESDAY);
		assertThat(first.getParticipant()).extracting(it -> it.getActor().getReference(), it -> it.getActor().getDisplay())
				.containsExactly(tuple("Patient/" + fixture.maya, "Maya Okafor"),
						tuple("Practitioner/" + fixture.alex.clinicianId(), "Alex Morgan, PT"));
		assertThat(first.getServiceTypeFirstRep().getText()).isEqualTo("Follow-up");
		assertThat(first.getAppointmentType().getCodingFirstRep().getCode()).isEqualTo("FOLLOWUP");
		assertThat(first.getDescription()).contains("Video").contains("Follow-up");

		assertThat(VisitResources.appointmentStatus(VisitStatus.MISSED)).isEqualTo(AppointmentStatus.NOSHOW);
	}

	@Test
	void showsTheVisitThatTookPlaceAsAFinishedVirtualEncounterOfItsAppointment() {

		var all = CurrentTenant.callAs(fixture.clinic, () -> encounters.everything(fixture.maya, fixture.asMaya()))
				.stream().map(Encounter.class::cast).toList();
		assertThat(ids(all)).containsExactly(held.toString());
		var encounter = all.get(0);
		assertThat(FhirValidation.errors(encounter)).isEmpty();
		FhirValidation.warnings(encounter).forEach(it -> System.out.println("Encounter warning: " + it));
		assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
		assertThat(encounter.getClass_().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActCode");
		assertThat(encounter.getClass_().getCode()).isEqualTo("VR");
		assertThat(encounter.getSubject().getReference()).isEqualTo("Patient/" + fixture.maya);
		assertThat(encounter.getParticipantFirstRep().getIndividual().getReference())
				.isEqualTo("Practitioner/" + fixture.alex.clinicianId());
		assertThat(encounter.getAppointmentFirstRep().getReference()).isEqualTo("Appointment/" + held);
		assertThat(encounter.getPeriod().getStart().toInstant()).isEqualTo(TUESDAY);

		// a visit that did not take place is no encounter
		assertThat(CurrentTenant.callAs(fixture.clinic, () -> encounters.read(booked.toString(), fixture.asMaya()))).isEmpty();
		assertThat(CurrentTenant.callAs(fixture.clinic, () -> encounters.read(held.toString(), fixture.asAlex()))).isPresent();
	}

	@Test
	void searchesByPatientDateAndStatus() {

		assertThat(ids(search(appointments, Map.of("patient", "Patient/" + fixture.maya, "status", "booked,cancelled"),
				fixture.asAlex()).matches())).containsExactly(cancelled.toString(), booked.toString());
		assertThat(ids(search(appointments, Map.of("patient", "Patient/" + fixture.maya, "date", "2026-03-04"),
				fixture.asAlex()).matches())).containsExactly(booked.toString());
		assertThat(ids(search(appointments, Map.of("date", "ge2026-03-04"), fixture.asMaya()).matches()))
				.containsExactly(cancelled.toString(), booked.toString());
		assertThat(search(appointments, Map.of("status", "proposed"), fixture.asMaya()).matches()).isEmpty();
		var paged = search(appointments, Map.of("patient", fixture.maya.toString()), fixture.asMaya(), 2, 0);
		assertThat(paged.matches()).hasSize(2);
		assertThat(paged.more()).isTrue();

		assertThat(ids(search(encounters, Map.of("subject", "Patient/" + fixture.maya, "status", "finished"),
				fixture.asAlex()).matches())).containsExactly(held.toString());
		assertThat(search(encounters, Map.of("patient", "Patient/" + fixture.maya, "status", "in-progress"),
				fixture.asAlex()).matches()).isEmpty();
		assertThat(search(encounters, Map.of("subject", "Patient/" + fixture.maya, "date", "lt2026-03-03"),
				fixture.asAlex()).matches()).isEmpty();
	}

	@Test
	void letsNobodyOutsideThePatientsCareReadTheirVisits() {

		for (var outsider : List.of(fixture.asLeo(), fixture.asSam(), fixture.asAdministrator())) {
			assertThat(CurrentTenant.callAs(fixture.clinic, () -> appointments.read(held.toString(), outsider)))
					.as(outsider.toString()).isEmpty();
			assertThat(CurrentTenant.callAs(fixture.clinic, () -> encounters.read(held.toString(), outsider)))
					.as(outsider.toString()).isEmpty();
			assertThat(search(appointments, Map.of("patient", fixture.maya.toString()), outsider).matches())
					.as(outsider.toString()).isEmpty();
			assertThat(ids(search(appointments, Map.of(), outsider).matches())).as(outsider.toString())
					.doesNotContain(held.toString(), booked.toString());
			assertThat(ids(search(encounters, Map.of(), outsider).matches())).as(outsider.toString())
					.doesNotContain(held.toString());
		}
		var elsewhere = fixture.newClinic();
		var otherIntegration = Requester.system(fixture.user("service-account-other", Role.CLINIC_ADMIN), elsewhere);
		assertThat(CurrentTenant.callAs(elsewhere, () -> appointments.read(held.toString(), otherIntegration))).isEmpty();
		assertThat(CurrentTenant.callAs(elsewhere, () -> appointments.search(request(Map.of(), 10, 0), otherIntegration))
				.matches()).isEmpty();
		assertThat(CurrentTenant.callAs(fixture.clinic, () -> appointments.read(held.toString(), fixture.asIntegration())))
				.isPresent();
	}

	private SearchResult search(ResourceProvider<?> provider, Map<String, String> parameters, Requester requester) {
		return search(provider, parameters, requester, 10, 0);
	}

	private SearchResult search(ResourceProvider<?> provider, Map<String, String> parameters, Requester requester,
			int count, int offset) {
		return CurrentTenant.callAs(fixture.clinic, () -> provider.search(request(parameters, count, offset), requester));
	}

	private static SearchRequest request(Map<String, String> parameters, int count, int offset) {
		return new SearchRequest(parameters, count, offset, null, Set.of());
	}

	private static List<String> ids(List<? extends Resource> resources) {
		return resources.stream().map(it -> it.getIdElement().getIdPart()).toList();
	}
}
