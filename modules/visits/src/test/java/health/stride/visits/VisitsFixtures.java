package health.stride.visits;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.NewPatient;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.tenancy.TenantId;

/**
 * Where most visits tests start: a new clinic with its seeded kinds of visit, clinicians who hold
 * visits every day from 08:00 to 18:00, and patients in their care.
 */
public final class VisitsFixtures {

	public static final LocalTime OPENS = LocalTime.of(8, 0);
	public static final LocalTime CLOSES = LocalTime.of(18, 0);

	private VisitsFixtures() {}

	/** A new clinic, once its seeded kinds of visit are there (they come from its registration, after commit). */
	public static TenantId clinic(ClinicRegistry clinics, VisitTypes types, String name) {
		var clinic = clinics.register(TenantId.of("c-" + UUID.randomUUID()), name).tenant();
		Awaitility.await().until(() -> CurrentTenant.callAs(clinic, () -> types.all().size()) == VisitType.SEEDED.size());
		return clinic;
	}

	public static StrideUser user(TenantId clinic, String username, Role role) {
		return new StrideUser(UUID.randomUUID().toString(), username, List.of(clinic), Set.of(role));
	}

	/** The week of someone who works every day from {@link #OPENS} to {@link #CLOSES}, at most 12 visits a day. */
	public static Availability everyDay(ZoneId zone, Duration buffer) {
		return new Availability(zone, Arrays.stream(DayOfWeek.values())
				.map(day -> new Availability.WeeklyHours(day, OPENS, CLOSES)).toList(), List.of(), buffer, 12);
	}

	/** Enlists a clinician who works every day; the clinic must be bound. */
	public static CareTeam.Member clinicianEveryDay(Hosts hosts, Schedules schedules, String username, String name,
			HostKind kind, ZoneId zone, Duration buffer) {
		var id = UUID.randomUUID();
		hosts.enlist(id, username, name, kind);
		schedules.change(id, everyDay(zone, buffer));
		return new CareTeam.Member(id, username, name);
	}

	/** Registers a patient in Washington (Los Angeles time) in this care team; the clinic must be bound. */
	public static PatientId patient(PatientDirectory patients, CareTeams careTeams, String username, String email,
			CareTeam.Member therapist, CareTeam.@Nullable Member coach) {
		var id = patients.register(new NewPatient(UUID.randomUUID().toString(), username, "Maya", "Okafor",
				LocalDate.of(1986, 4, 12), email, null, "WA", "America/Los_Angeles"));
		careTeams.assign(id, therapist, coach);
		return id;
	}

	/**
	 * A 30-minute follow-up straight into the table, booked two days before it (a cancelled one was
	 * cancelled the day before): for times booking refuses, the past among them. The clinic must be
	 * bound in a transaction.
	 */
	public static VisitId inTable(JdbcClient jdbc, PatientId patient, UUID host, Instant startsAt, String status) {
		var id = VisitId.random();
		var cancelled = "CANCELLED".equals(status);
		jdbc.sql("""
				insert into visits.visit (id, patient_id, host_id, type_key, starts_at, ends_at, held_until, status,
				                          booked_by, booked_at, cancelled_by, cancelled_at)
				values (?, ?, ?, 'follow-up', ?, ?, ?, ?, 'admin.nora', ?, ?, ?)""")
				.params(id.id(), patient.id(), host, Timestamp.from(startsAt), Timestamp.from(startsAt.plusSeconds(1800)),
						Timestamp.from(startsAt.plusSeconds(1800)), status, Timestamp.from(startsAt.minus(Duration.ofDays(2))),
						cancelled ? "patient.maya" : null, cancelled ? Timestamp.from(startsAt.minus(Duration.ofDays(1))) : null)
				.update();
		return id;
	}
}
