package health.stride.fhir.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import health.stride.messaging.Threads;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.CurrentTenant;

/**
 * Thread messages as {@code Communication}: valid against R4, with the patient or the clinician (as the
 * {@code Practitioner} careteams knows) as sender and the other side as recipients, searched by patient and
 * date a page at a time; nobody outside the patient's care reads them.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import(MovableClock.Replacing.class)
@TestPropertySource(properties = "stride.visits.missed-interval=PT1H")
class CommunicationResourceTests {

	private final CareRecordFixture fixture;
	private final CommunicationResources communications;
	private final AuditTrail audit;
	private final MovableClock clock;

	private Threads.Message question;
	private Threads.Message answer;
	private Threads.Message leos;

	CommunicationResourceTests(CareRecordFixture fixture, CommunicationResources communications, AuditTrail audit,
			MovableClock clock) {
		this.fixture = fixture;
		this.communications = communications;
		this.audit = audit;
		this.clock = clock;
	}

	@BeforeEach
	void mayaAsksAndAlexAnswers() {
		fixture.create(clock);
		clock.advance(Duration.ofHours(1));
		question = fixture.post(fixture.maya, fixture.mayaSignedIn(), "My back feels better after the walks.");
		clock.advance(Duration.ofHours(1));
		answer = fixture.post(fixture.maya, fixture.alexSignedIn(), "Great, keep walking every day.");
		leos = fixture.post(fixture.leo, fixture.leoSignedIn(), "Leo's own question.");
	}

	@Test
	void givesThePatientTheirMessagesAsValidCommunicationsBetweenThemAndTheirClinician() {

		var all = everything(fixture.asMaya());
		assertThat(all).hasSize(3); // the welcome, the question and the answer
		for (var communication : all) {
			assertThat(FhirValidation.errors(communication)).as(communication.getIdElement().getIdPart()).isEmpty();
			FhirValidation.warnings(communication).forEach(it -> System.out.println("Communication warning: " + it));
			assertThat(communication.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
			assertThat(communication.getSubject().getReference()).isEqualTo("Patient/" + fixture.maya);
		}

		var byId = Map.of(all.get(0).getIdElement().getIdPart(), all.get(0), all.get(1).getIdElement().getIdPart(),
				all.get(1), all.get(2).getIdElement().getIdPart(), all.get(2));
		var asked = byId.get(question.id().toString());
		assertThat(asked.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("My back feels better after the walks.");
		assertThat(asked.getSender().getReference()).isEqualTo("Patient/" + fixture.maya);
		assertThat(asked.getSender().getDisplay()).isEqualTo("Maya Okafor");
		assertThat(asked.getRecipient()).extracting(it -> it.getReference(), it -> it.getDisplay())
				.containsExactly(tuple("Practitioner/" + fixture.alex.clinicianId(), "Alex Morgan, PT"));
		assertThat(asked.getSent().toInstant()).isEqualTo(question.sentAt());

		var answered = byId.get(answer.id().toString());
		assertThat(answered.getSender().getReference()).isEqualTo("Practitioner/" + fixture.alex.clinicianId());
		assertThat(answered.getRecipientFirstRep().getReference()).isEqualTo("Patient/" + fixture.maya);

		var welcome = all.get(0);
		assertThat(welcome.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("notification");
		assertThat(welcome.getPayloadFirstRep().getContentStringType().getValue()).contains("Alex Morgan, PT");
		assertThat(welcome.getSender().hasReference()).as("Stride itself, named only").isFalse();

		var read = CurrentTenant.callAs(fixture.clinic, () -> communications.read(answer.id().toString(), fixture.asAlex()));
		assertThat(read).hasValueSatisfying(it -> assertThat(it.getPayloadFirstRep().getContentStringType().getValue())
				.isEqualTo("Great, keep walking every day."));
	}

	@Test
	void searchesByPatientAndDateAPageAtATime() {

		var first = search(Map.of("subject", "Patient/" + fixture.maya), 2, 0, fixture.asAlex());
		assertThat(ids(first.matches())).containsExactly(answer.id().toString(), question.id().toString());
		assertThat(first.more()).isTrue();
		var second = search(Map.of("patient", fixture.maya.toString()), 2, 2, fixture.asAlex());
		assertThat(second.matches()).hasSize(1);
		assertThat(second.more()).isFalse();

		var sent = clock.instant().minus(Duration.ofMinutes(30));
		assertThat(ids(search(Map.of("subject", "Patient/" + fixture.maya, "sent", "ge" + sent), 10, 0, fixture.asAlex())
				.matches())).containsExactly(answer.id().toString());
		assertThat(ids(search(Map.of("subject", "Patient/" + fixture.maya, "sent", "lt" + sent), 10, 0, fixture.asMaya())
				.matches())).hasSize(2).doesNotContain(answer.id().toString());

		// without a patient: every patient the reader cares for, here Maya and Leo
		assertThat(ids(search(Map.of(), 10, 0, fixture.asAlex()).matches())).contains(leos.id().toString(),
				question.id().toString());
		// a patient's search reaches only their own thread
		assertThat(ids(search(Map.of(), 10, 0, fixture.asMaya()).matches())).doesNotContain(leos.id().toString())
				.contains(question.id().toString());
		// two parameters naming two patients match nothing
		assertThat(search(Map.of("subject", "Patient/" + fixture.maya, "patient", "Patient/" + fixture.leo), 10, 0,
				fixture.asAlex()).matches()).isEmpty();
	}

	@Test
	void letsNobodyOutsideThePatientsCareReadTheirMessages() {

		var id = question.id().toString();
		for (var outsider : List.of(fixture.asLeo(), fixture.asSam(), fixture.asAdministrator())) {
			assertThat(CurrentTenant.callAs(fixture.clinic, () -> communications.read(id, outsider)))
					.as(outsider.toString()).isEmpty();
			assertThat(search(Map.of("subject", "Patient/" + fixture.maya), 10, 0, outsider).matches())
					.as(outsider.toString()).isEmpty();
			assertThat(ids(search(Map.of(), 10, 0, outsider).matches())).as(outsider.toString()).doesNotContain(id);
		}
		// the clinic's integration reads it; another clinic's does not even find it
		assertThat(CurrentTenant.callAs(fixture.clinic, () -> communications.read(id, fixture.asIntegration()))).isPresent();
		var elsewhere = fixture.newClinic();
		var otherIntegration = Requester.system(fixture.user("service-account-other", Role.CLINIC_ADMIN), elsewhere);
		assertThat(CurrentTenant.callAs(elsewhere, () -> communications.read(id, otherIntegration))).isEmpty();
		assertThat(CurrentTenant.callAs(elsewhere, () -> communications.search(request(Map.of(), 10, 0), otherIntegration))
				.matches()).isEmpty();

		var refusals = CurrentTenant.callAs(fixture.clinic, () -> audit.aboutPatient(fixture.maya.id(), 100)).stream()
				.filter(it -> it.action() == AuditAction.ACCESS_DENIED && "fhir/Communication".equals(it.resource()))
				.map(it -> it.actorUsername()).toList();
		assertThat(refusals).contains(fixture.leosUsername, "pt.sam", "admin.nora");
	}

	private List<Communication> everything(Requester requester) {
		return CurrentTenant.callAs(fixture.clinic, () -> communications.everything(fixture.maya, requester)).stream()
				.map(Communication.class::cast).toList();
	}

	private SearchResult search(Map<String, String> parameters, int count, int offset, Requester requester) {
		return CurrentTenant.callAs(fixture.clinic, () -> communications.search(request(parameters, count, offset), requester));
	}

	private static SearchRequest request(Map<String, String> parameters, int count, int offset) {
		return new SearchRequest(parameters, count, offset, null, Set.of());
	}

	private static List<String> ids(List<? extends Resource> resources) {
		return resources.stream().map(it -> it.getIdElement().getIdPart()).toList();
	}
}
