package health.stride.visits.internal;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;
import health.stride.visits.HostKind;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.VisitId;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;
import health.stride.visits.VisitsFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The video room without a browser, on the real database and its real notifications: who may come
 * in and when, the waiting room and admission, signals relayed only between admitted peers of one
 * room (through PostgreSQL, as between nodes), the text side-channel saved into the thread, guests'
 * one-time links, and refusals audited with nothing relayed.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = "stride.visits.missed-interval=PT1H")
class VideoRoomTests {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	final RoomDoor door;
	final RoomHub hub;
	final RoomGuests guests;
	final MissedVisits missed;
	final Visits visits;
	final Schedules schedules;
	final Hosts hosts;
	final VisitTypes types;
	final PatientDirectory patients;
	final CareTeams careTeams;
	final ClinicRegistry clinics;
	final Threads threads;
	final JdbcClient jdbc;
	final JsonMapper json;
	final TransactionTemplate transaction;

	TenantId clinic;
	UUID alex;
	UUID sam;
	PatientId maya;
	PatientId leo;
	StrideUser alexSignedIn;
	StrideUser samSignedIn;
	StrideUser mayaSignedIn;
	StrideUser leoSignedIn;

	VideoRoomTests(RoomDoor door, RoomHub hub, RoomGuests guests, MissedVisits missed, Visits visits, Schedules schedules,
			Hosts hosts, VisitTypes types, PatientDirectory patients, CareTeams careTeams, ClinicRegistry clinics,
			Threads threads, JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
		this.door = door;
		this.hub = hub;
		this.guests = guests;
		this.missed = missed;
		this.visits = visits;
		this.schedules = schedules;
		this.hosts = hosts;
		this.types = types;
		this.patients = patients;
		this.careTeams = careTeams;
		this.clinics = clinics;
		this.threads = threads;
		this.jdbc = jdbc;
		this.json = json;
		this.transaction = new TransactionTemplate(transactions);
	}

	@BeforeEach
	void aClinicWithTwoTherapistsAndTwoPatients() {
		clinic = VisitsFixtures.clinic(clinics, types, "Clinic");
		alexSignedIn = VisitsFixtures.user(clinic, "pt.alex", Role.THERAPIST);
		samSignedIn = VisitsFixtures.user(clinic, "pt.sam", Role.THERAPIST);
		mayaSignedIn = VisitsFixtures.user(clinic, "patient.maya", Role.PATIENT);
		leoSignedIn = VisitsFixtures.user(clinic, "patient.leo", Role.PATIENT);
		var alexMember = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.alex",
				"Alex Morgan, PT", HostKind.THERAPIST, LOS_ANGELES, Duration.ZERO));
		sam = CurrentTenant.callAs(clinic, () -> VisitsFixtures.clinicianEveryDay(hosts, schedules, "pt.sam",
				"Sam Patel, PT", HostKind.THERAPIST, LOS_ANGELES, Duration.ZERO)).clinicianId();
		alex = alexMember.clinicianId();
		maya = CurrentTenant.callAs(clinic,
				() -> VisitsFixtures.patient(patients, careTeams, "patient.maya", "maya@example.org", alexMember, null));
		leo = CurrentTenant.callAs(clinic,
				() -> VisitsFixtures.patient(patients, careTeams, "patient.leo", "leo@example.org", alexMember, null));
	}

	/** A visit straight into the table, starting {@code in} from now (booking refuses the past). */
	VisitId visit(PatientId patient, Duration in, String status) {
		return visit(patient, in, status, alex);
	}

	VisitId visit(PatientId patient, Duration in, String status, UUID host) {
		var startsAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(in);
		return inClinic(() -> VisitsFixtures.inTable(jdbc, patient, host, startsAt, status));
	}

	RoomDoor.Entry enter(StrideUser user, VisitId visit) {
		return CurrentTenant.callAs(clinic, () -> door.enter(user, visit));
	}

	RoomParticipant participant(StrideUser user, VisitId visit) {
		return ((RoomDoor.Entry.Open) enter(user, visit)).participant();
	}

	List<String> audited(String resourcePrefix) {
		return inClinic(() -> jdbc.sql("""
				select actor_username || ' ' || outcome || ' ' || resource from platform.audit_event
				where resource like ? order by occurred_at""").param(resourcePrefix + "%").query(String.class).list());
	}

	<T> T inClinic(java.util.function.Supplier<T> query) {
		return CurrentTenant.callAs(clinic, () -> transaction.execute(tx -> query.get()));
	}

	long count(@org.jspecify.annotations.Nullable TenantId in, String table) {
		java.util.function.Supplier<Long> query = () -> transaction
				.execute(tx -> jdbc.sql("select count(*) from " + table).query(Long.class).single());
		return in == null ? query.get() : CurrentTenant.callAs(in, query);
	}

	/** A browser's end of a connection: what Stride sent it, and whether Stride closed it. */
	final class Browser implements RoomHub.Sink {

		final List<JsonNode> heard = new CopyOnWriteArrayList<>();
		final AtomicBoolean closed = new AtomicBoolean();
		final AtomicBoolean refusedClose = new AtomicBoolean();
		RoomHub.Connection connection;

		@Override
		public void send(String text) {
			heard.add(json.readTree(text));
		}

		@Override
		public void close(boolean refused) {
			closed.set(true);
			refusedClose.set(refused);
			hub.closed(connection);
		}

		Browser join(RoomParticipant who) {
			connection = hub.open(who, this);
			return this;
		}

		void say(String message) {
			hub.receive(connection, message);
		}

		List<JsonNode> of(String type) {
			return heard.stream().filter(it -> it.path("type").asString().equals(type)).toList();
		}

		JsonNode awaitOne(String type) {
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !of(type).isEmpty());
			return of(type).getLast();
		}

		String peer() {
			return connection.peer().toString();
		}
	}

	@Test
	void opensTenMinutesBeforeForThePatientAndTheClinicianAndNobodyElse() {

		var soon = visit(maya, Duration.ofMinutes(50), "BOOKED");
		var now = visit(maya, Duration.ofMinutes(5), "BOOKED");

		assertThat(enter(mayaSignedIn, soon)).isInstanceOfSatisfying(RoomDoor.Entry.NotYet.class, it -> assertThat(
				it.opensAt()).isEqualTo(Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(40))));
		assertThat(enter(mayaSignedIn, now)).isInstanceOf(RoomDoor.Entry.Open.class);
		assertThat(enter(alexSignedIn, now)).isInstanceOfSatisfying(RoomDoor.Entry.Open.class,
				it -> assertThat(it.participant().role()).isEqualTo(RoomRole.CLINICIAN));
		assertThat(enter(leoSignedIn, now)).as("a patient of another visit").isInstanceOf(RoomDoor.Entry.Refused.class);
		assertThat(enter(samSignedIn, now)).as("another clinician of the clinic").isInstanceOf(RoomDoor.Entry.Refused.class);
		var elsewhere = VisitsFixtures.clinic(clinics, types, "Elsewhere");
		var alexElsewhere = VisitsFixtures.user(elsewhere, "pt.alex", Role.THERAPIST);
		assertThat(CurrentTenant.callAs(elsewhere, () -> door.enter(alexElsewhere, now)))
				.as("the same username in another clinic").isInstanceOf(RoomDoor.Entry.Refused.class);
		assertThat(audited("visit-room")).contains("patient.leo DENIED visit-room", "pt.sam DENIED visit-room");

		var cancelled = visit(maya, Duration.ofMinutes(5), "CANCELLED");
		var over = visit(leo, Duration.ofMinutes(-95), "BOOKED");
		assertThat(enter(mayaSignedIn, cancelled)).isInstanceOf(RoomDoor.Entry.Cancelled.class);
		assertThat(enter(leoSignedIn, over)).isInstanceOf(RoomDoor.Entry.Over.class);
	}

	@Test
	void thePatientWaitsUntilAdmittedThenSignalsGoOnlyBetweenThePeersOfTheRoom() {

		var visit = visit(maya, Duration.ofMinutes(2), "BOOKED");
		var other = visit(leo, Duration.ofMinutes(3), "BOOKED", sam);

		var patient = new Browser().join(participant(mayaSignedIn, visit));
		assertThat(patient.awaitOne("welcome").path("admitted").asBoolean()).isFalse();
		assertThat(patient.of("welcome").getFirst().path("peers")).as("someone waiting sees nobody").isEmpty();

		var clinician = new Browser().join(participant(alexSignedIn, visit));
		var welcome = clinician.awaitOne("welcome");
		assertThat(welcome.path("admitted").asBoolean()).isTrue();
		assertThat(welcome.path("peers")).singleElement().satisfies(it -> {
			assertThat(it.path("peer").asString()).isEqualTo(patient.peer());
			assertThat(it.path("name").asString()).isEqualTo("Maya Okafor");
			assertThat(it.path("admitted").asBoolean()).isFalse();
		});

		// a waiting patient may not signal yet, and nothing reaches the clinician
		patient.say("""
				{"type": "signal", "room": "%s", "to": "%s", "data": {"sdp": {"type": "offer", "sdp": "v=0"}}}"""
				.formatted(visit, clinician.peer()));
		assertThat(patient.awaitOne("refused").path("reason").asString()).isEqualTo("not-admitted");

		// the patient may not let anyone in
		patient.say("""
				{"type": "admit", "room": "%s", "peer": "%s"}""".formatted(visit, patient.peer()));
		Awaitility.await().until(() -> patient.of("refused").size() == 2);
		assertThat(patient.of("refused").getLast().path("reason").asString()).isEqualTo("not-allowed");

		clinician.say("""
				{"type": "admit", "room": "%s", "peer": "%s"}""".formatted(visit, patient.peer()));
		assertThat(patient.awaitOne("admitted").path("peers")).singleElement()
				.satisfies(it -> assertThat(it.path("peer").asString()).isEqualTo(clinician.peer()));
		assertThat(inClinic(() -> jdbc.sql("select call_started_at is not null from visits.visit where id = ?")
				.param(visit.id()).query(Boolean.class).single())).isTrue();

		patient.say("""
				{"type": "signal", "room": "%s", "to": "%s", "data": {"sdp": {"type": "offer", "sdp": "v=0"}}}"""
				.formatted(visit, clinician.peer()));
		var offer = clinician.awaitOne("signal");
		assertThat(offer.path("from").asString()).isEqualTo(patient.peer());
		assertThat(offer.path("data").path("sdp").path("type").asString()).isEqualTo("offer");

		// someone in another room: not reachable, and a message naming another room ends the connection
		var elsewhere = new Browser().join(participant(leoSignedIn, other));
		elsewhere.awaitOne("welcome");
		clinician.say("""
				{"type": "signal", "room": "%s", "to": "%s", "data": {"candidate": {"candidate": "x"}}}"""
				.formatted(visit, elsewhere.peer()));
		assertThat(clinician.awaitOne("refused").path("reason").asString()).isEqualTo("unknown-peer");
		patient.say("""
				{"type": "signal", "room": "%s", "to": "%s", "data": {"candidate": {"candidate": "x"}}}"""
				.formatted(other, elsewhere.peer()));
		Awaitility.await().until(patient.closed::get);
		assertThat(patient.refusedClose).isTrue();
		assertThat(elsewhere.of("signal")).as("nothing relayed to the other room").isEmpty();
		assertThat(audited("visit-room-")).contains("patient.maya DENIED visit-room-not-admitted",
				"patient.maya DENIED visit-room-not-allowed", "pt.alex DENIED visit-room-unknown-peer",
				"patient.maya DENIED visit-room-wrong-room", "pt.alex SUCCESS visit-room-admission",
				"patient.maya SUCCESS visit-room-join");

		// the clinician hears that the patient left; the patient, back on a new connection, is in at once
		Awaitility.await().until(() -> clinician.of("peer").stream().anyMatch(it -> it.path("left").asBoolean()));
		var back = new Browser().join(participant(mayaSignedIn, visit));
		assertThat(back.awaitOne("welcome").path("admitted").asBoolean()).isTrue();
	}

	@Test
	void theTextSideChannelGoesToTheRoomAndIntoThePatientsThreadWhenTheCallEnds() {

		var visit = visit(maya, Duration.ofMinutes(2), "BOOKED");
		var patient = new Browser().join(participant(mayaSignedIn, visit));
		var clinician = new Browser().join(participant(alexSignedIn, visit));
		patient.awaitOne("welcome");
		clinician.say("""
				{"type": "admit", "room": "%s", "peer": "%s"}""".formatted(visit, patient.peer()));
		patient.awaitOne("admitted");

		patient.say("""
				{"type": "chat", "room": "%s", "text": "My sound is gone, I can see you"}""".formatted(visit));
		assertThat(clinician.awaitOne("chat").path("text").asString()).isEqualTo("My sound is gone, I can see you");
		patient.say("""
				{"type": "chat", "room": "%s", "text": "a\\u0000b"}""".formatted(visit));
		patient.say("""
				{"type": "chat", "room": "%s", "text": "%s"}""".formatted(visit, "x".repeat(100_000)));
		patient.say("not json at all");
		Awaitility.await().until(() -> patient.of("refused").size() == 3);
		assertThat(clinician.of("chat")).hasSize(1);

		clinician.say("""
				{"type": "end", "room": "%s"}""".formatted(visit));
		assertThat(patient.awaitOne("ended").path("reason").asString()).isEqualTo("hung-up");
		Awaitility.await().until(patient.closed::get);

		var saved = CurrentTenant.callAs(clinic, () -> threads.latest(maya, 5)).stream()
				.filter(it -> "visits.thread.room-chat".equals(it.code())).toList();
		assertThat(saved).singleElement().satisfies(it -> assertThat(it.arguments())
				.containsExactly("Alex Morgan, PT", "Maya Okafor: My sound is gone, I can see you"));
		assertThat(inClinic(() -> jdbc.sql("select call_ended_at is not null from visits.visit where id = ?")
				.param(visit.id()).query(Boolean.class).single())).isTrue();
	}

	@Test
	void aCancelledVisitEmptiesItsWaitingRoomWithAWord() {

		var visit = visit(maya, Duration.ofMinutes(5), "BOOKED");
		var patient = new Browser().join(participant(mayaSignedIn, visit));
		patient.awaitOne("welcome");

		CurrentTenant.runAs(clinic, () -> visits.cancel(alexSignedIn, visit, null));

		assertThat(patient.awaitOne("ended").path("reason").asString()).isEqualTo("cancelled");
		Awaitility.await().until(patient.closed::get);
		assertThat(enter(mayaSignedIn, visit)).isInstanceOf(RoomDoor.Entry.Cancelled.class);
	}

	@Test
	void aJoinedVisitIsNotMissed() {

		var joined = visit(maya, Duration.ofMinutes(-20), "BOOKED");
		var empty = visit(leo, Duration.ofMinutes(-20), "BOOKED", sam);
		var patient = new Browser().join(participant(mayaSignedIn, joined));
		patient.awaitOne("welcome");

		missed.markMissed(clinic, Instant.now());

		assertThat(CurrentTenant.callAs(clinic, () -> visits.find(joined)).orElseThrow().status()).isEqualTo(VisitStatus.BOOKED);
		assertThat(CurrentTenant.callAs(clinic, () -> visits.find(empty)).orElseThrow().status()).isEqualTo(VisitStatus.MISSED);
	}

	@Test
	void aGuestLinkWorksOnceForItsVisitUntilItsEndAndTheGuestWaitsToBeAdmitted() {

		var visit = visit(maya, Duration.ofMinutes(2), "BOOKED");
		var open = (RoomDoor.Entry.Open) enter(alexSignedIn, visit);

		assertThatThrownBy(() -> guests.invite(open.participant(), open.visit(), "a\u0000b",
				RoomGuests.Relation.INTERPRETER)).isInstanceOf(health.stride.platform.validation.InvalidInput.class);
		assertThatThrownBy(() -> guests.invite(open.participant(), open.visit(), "x".repeat(101),
				RoomGuests.Relation.INTERPRETER)).isInstanceOf(health.stride.platform.validation.InvalidInput.class);
		var token = guests.invite(open.participant(), open.visit(), " Ana Ruiz ", RoomGuests.Relation.INTERPRETER);

		var use = guests.use(token);
		assertThat(use).isInstanceOf(RoomGuests.Use.Granted.class);
		var grant = ((RoomGuests.Use.Granted) use).grant();
		assertThat(grant.visit()).isEqualTo(visit);
		assertThat(grant.displayName()).isEqualTo("Ana Ruiz");
		assertThat(guests.use(token)).as("used once already").isInstanceOf(RoomGuests.Use.Used.class);
		assertThat(guests.use("A".repeat(43))).isInstanceOf(RoomGuests.Use.Unknown.class);
		assertThat(guests.use("../../etc")).isInstanceOf(RoomGuests.Use.Unknown.class);

		var guestEntry = CurrentTenant.callAs(clinic, () -> door.enter(grant, visit));
		assertThat(guestEntry).isInstanceOf(RoomDoor.Entry.Open.class);
		var other = visit(leo, Duration.ofMinutes(3), "BOOKED", sam);
		assertThat(CurrentTenant.callAs(clinic, () -> door.enter(grant, other))).as("only its own visit")
				.isInstanceOf(RoomDoor.Entry.Refused.class);

		var guest = new Browser().join(((RoomDoor.Entry.Open) guestEntry).participant());
		assertThat(guest.awaitOne("welcome").path("admitted").asBoolean()).isFalse();

		var ended = visit(leo, Duration.ofMinutes(-40), "BOOKED");
		var late = (RoomDoor.Entry.Open) enter(alexSignedIn, ended);
		var lateToken = guests.invite(late.participant(), late.visit(), "Kim Lee", RoomGuests.Relation.CAREGIVER);
		assertThat(guests.use(lateToken)).as("after the visit's end").isInstanceOf(RoomGuests.Use.Expired.class);

		assertThat(audited("visit-room-guest")).contains("pt.alex SUCCESS visit-room-guest-link",
				"room-guest SUCCESS visit-room-guest-link-used", "room-guest DENIED visit-room-guest-link-reused",
				"room-guest DENIED visit-room-guest-link-expired");
		// only the digest is kept
		assertThat(inClinic(() -> jdbc.sql("select count(*) from visits.room_guest where encode(digest, 'escape') like ?")
				.param("%" + token + "%").query(Long.class).single())).isZero();
	}

	@Test
	void guestLinksOfOneClinicAreInvisibleToAnotherWithoutTheirSecret() {

		var visit = visit(maya, Duration.ofMinutes(2), "BOOKED");
		var open = (RoomDoor.Entry.Open) enter(alexSignedIn, visit);
		guests.invite(open.participant(), open.visit(), "Ana Ruiz", RoomGuests.Relation.CAREGIVER);
		var elsewhere = VisitsFixtures.clinic(clinics, types, "Elsewhere");

		assertThat(count(clinic, "visits.room_guest")).isEqualTo(1);
		assertThat(count(elsewhere, "visits.room_guest")).isZero();
		assertThat(count(null, "visits.room_guest")).as("no clinic bound").isZero();
		assertThat(count(elsewhere, "visits.room_peer")).isZero();
	}
}
