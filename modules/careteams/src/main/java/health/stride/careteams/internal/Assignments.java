package health.stride.careteams.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianRole;
import health.stride.patients.CareTeam;
import health.stride.patients.CareTeams;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientInvitations;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.identity.Accounts;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Hosts;

/**
 * Who cares for a patient. A therapist may treat a patient only with a license or compact
 * privilege for the patient's state that has not expired; among those with room in their
 * capacity, the one with the fewest active patients is chosen. Coaches take new patients in turn.
 * The decision is recorded in the patients module, which owns the care team of record. Whether a
 * therapist is licensed is asked of the one SQL statement of the license rule, {@code careteams.licensed}.
 */
@Service
@Transactional(readOnly = true)
public class Assignments {

	/** Statuses in which a patient counts against a clinician's capacity. */
	static final String ACTIVE_STATUSES = "('ONBOARDING', 'ACTIVE', 'PAUSED')";

	private final JdbcClient jdbc;
	private final Clinicians clinicians;
	private final CareTeams careTeams;
	private final PatientDirectory patients;
	private final CaseloadProjection caseload;
	private final AuditTrail audit;
	private final Accounts accounts;
	private final PatientInvitations invitations;
	private final Clock clock;

	private final Hosts hosts;

	Assignments(JdbcClient jdbc, Clinicians clinicians, CareTeams careTeams, PatientDirectory patients,
			CaseloadProjection caseload, AuditTrail audit, Accounts accounts, PatientInvitations invitations, Hosts hosts,
			Clock clock) {
		this.accounts = accounts;
		this.hosts = hosts;
		this.invitations = invitations;
		this.jdbc = jdbc;
		this.clinicians = clinicians;
		this.careTeams = careTeams;
		this.patients = patients;
		this.caseload = caseload;
		this.audit = audit;
		this.clock = clock;
	}

	/** A patient who finished their intake and has no therapist yet, and why (a message code and its arguments). */
	public record Awaiting(PatientId patient, String displayName, String state, MessageSourceResolvable reason,
			Instant since) {}

	/** The therapist chosen is not licensed for the patient's state (or not a therapist, or gone): why, as a message code. */
	public static final class NotAllowed extends RuntimeException implements MessageSourceResolvable {

		private final String code;
		private final Object[] arguments;

		NotAllowed(String code, Object... arguments) {
			super(code);
			this.code = code;
			this.arguments = arguments.clone();
		}

		@Override
		public String[] getCodes() {
			return new String[] { code };
		}

		@Override
		public Object[] getArguments() {
			return arguments.clone();
		}
	}

	/**
	 * Gives a patient who has no care team yet a therapist (the one who invited them when licensed in
	 * their state, else by the licensure rule) and a coach; a patient who has one keeps
	 * it. Without a suitable therapist the patient waits in the clinic's assignment queue.
	 *
	 * @return whether a care team was assigned now
	 */
	@Transactional
	public boolean assignNew(PatientId patient) {

		if (careTeams.of(patient).isPresent()) {
			return false;
		}
		var state = patients.find(patient).orElseThrow().state();
		var therapist = invitingTherapist(patient, state).or(() -> therapistFor(state));

		if (therapist.isEmpty()) {
			queue(patient, licensedIn(state) == 0 ? "careteams.assignments.reason.none-licensed"
					: "careteams.assignments.reason.at-capacity", state);
			return false;
		}

		record(patient, therapist.get(), nextCoach().orElse(null));
		return true;
	}

	/**
	 * A clinic administrator's choice of therapist (and coach, if any) for a patient.
	 *
	 * @throws NotAllowed if the therapist may not treat patients of the patient's state
	 */
	@Transactional
	public void assign(PatientId patient, ClinicianId therapist, @Nullable ClinicianId coach) {

		var state = patients.find(patient).orElseThrow(() -> new NotAllowed("careteams.assignments.no-patient")).state();
		var chosen = clinicians.findById(therapist.id()).filter(it -> it.active() && it.role() == ClinicianRole.THERAPIST)
				.orElseThrow(() -> new NotAllowed("careteams.assignments.choose-therapist"));
		if (!isLicensed(therapist.id(), state)) {
			throw new NotAllowed("careteams.assignments.not-licensed", chosen.displayName(), state);
		}
		var chosenCoach = coach == null ? null
				: clinicians.findById(coach.id()).filter(it -> it.active() && it.role() == ClinicianRole.COACH)
						.orElseThrow(() -> new NotAllowed("careteams.assignments.choose-coach"));

		record(patient, member(chosen), chosenCoach == null ? null : member(chosenCoach));
	}

	/** How many active patients each clinician has, by username. */
	public java.util.Map<String, Integer> activeLoads() {
		return jdbc.sql("""
				select username, count(*) from (
				  select therapist_username as username from careteams.caseload_entry
				  where therapist_username is not null and status in %1$s
				  union all
				  select coach_username from careteams.caseload_entry where coach_username is not null and status in %1$s
				) load group by username""".formatted(ACTIVE_STATUSES))
				.query((row, number) -> java.util.Map.entry(row.getString(1), row.getInt(2))).list().stream()
				.collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
	}

	/** The active therapists who may treat patients of the state today. */
	public List<ClinicianId> therapistsLicensedIn(String state) {
		return jdbc.sql("""
				select c.id from careteams.clinician c
				where c.role = 'THERAPIST' and c.active and careteams.licensed(c.id, ?, ?) order by c.display_name""")
				.params(state, java.sql.Date.valueOf(today()))
				.query((row, number) -> new ClinicianId(row.getObject(1, UUID.class))).list();
	}

	/** The clinic's patients waiting for a therapist, longest waiting first. */
	public List<Awaiting> awaiting() {
		return jdbc.sql("""
				select a.patient_id, coalesce(e.display_name, ''), coalesce(e.state, ''), a.reason, a.reason_args, a.since
				from careteams.awaiting_assignment a
				left join careteams.caseload_entry e on e.patient_id = a.patient_id
				order by a.since""")
				.query((row, number) -> new Awaiting(new PatientId(row.getObject(1, UUID.class)), row.getString(2),
						row.getString(3), reason(row.getString(4), (String[]) row.getArray(5).getArray()),
						row.getTimestamp(6).toInstant()))
				.list();
	}

	/** A reason written before reasons were codes is English text, shown as it is. */
	private static MessageSourceResolvable reason(String reason, String[] arguments) {
		return reason.startsWith("careteams.")
				? new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] { reason }, arguments)
				: new org.springframework.context.support.DefaultMessageSourceResolvable(
						new String[] { "careteams.assignments.reason.as-written" }, new Object[] { reason });
	}

	/**
	 * Marks a clinician as no longer working for the clinic, and ends their access at once: in this
	 * transaction they leave every care team and thread; their sign-in account is disabled, taken
	 * out of the clinic and signed out everywhere (which ends their Stride page sessions too, through
	 * Keycloak's back-channel logout). Each of their patients then gets another therapist or coach
	 * where one is available, or waits in the assignment queue keeping the rest of their team.
	 */
	@Transactional
	public void deactivate(ClinicianId clinician) {

		var leaving = clinicians.findById(clinician.id()).orElseThrow(() -> new NotAllowed("careteams.assignments.no-clinician"));
		leaving.deactivate();
		clinicians.saveAndFlush(leaving);
		hosts.withdraw(leaving.id().id()); // no more slots with them; their booked visits stay for the clinic to move

		// from now on no check lets them in, threads included; messaging brings its participants in step
		var theirPatients = careTeams.departed(leaving.username());

		for (var patient : theirPatients) {
			var team = careTeams.of(patient);
			var coach = team.map(CareTeam::coach).or(this::nextCoach).orElse(null);
			var therapist = team.map(CareTeam::therapist);
			if (therapist.isPresent()) {
				record(patient, therapist.get(), coach);
				continue;
			}
			var state = patients.find(patient).orElseThrow().state();
			var next = therapistFor(state);
			if (next.isPresent()) {
				record(patient, next.get(), coach);
			} else {
				queue(patient, "careteams.assignments.reason.left", leaving.displayName(), state);
			}
		}

		accounts.revoke(CurrentTenant.require(), leaving.username(),
				leaving.accountId() == null ? null : new Accounts.AccountId(leaving.accountId()));
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, null, "clinician");
	}

	/** Puts the patient in the clinic's assignment queue, or updates why they wait (a message code and its arguments). */
	private void queue(PatientId patient, String reason, String... arguments) {
		jdbc.sql("""
				insert into careteams.awaiting_assignment (patient_id, reason, reason_args, since)
				values (?, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update set reason = excluded.reason, reason_args = excluded.reason_args""")
				.params(patient.id(), reason, arguments, java.sql.Timestamp.from(clock.instant())).update();
		caseload.assigned(patient); // the queue shows the patient's name and state from the read model
	}

	private void record(PatientId patient, CareTeam.Member therapist, CareTeam.@Nullable Member coach) {

		careTeams.assign(patient, therapist, coach);
		jdbc.sql("delete from careteams.awaiting_assignment where patient_id = ?").param(patient.id()).update();
		if (coach != null) {
			jdbc.sql("update careteams.clinician set last_assigned_at = ? where id = ?")
					.params(java.sql.Timestamp.from(clock.instant()), coach.clinicianId()).update();
		}
		caseload.assigned(patient); // counted in the therapist's load before the next assignment
	}

	/** The licensed therapist with room and the fewest active patients; locked until the assignment commits. */
	private Optional<CareTeam.Member> therapistFor(String state) {
		return jdbc.sql("""
				select c.id, c.username, c.display_name
				from careteams.clinician c
				cross join lateral (select count(*) as patients from careteams.caseload_entry e
				                    where e.therapist_username = c.username and e.status in %s) load
				where c.role = 'THERAPIST' and c.active and careteams.licensed(c.id, ?, ?) and load.patients < c.capacity
				order by load.patients, c.username
				limit 1
				for update of c""".formatted(ACTIVE_STATUSES))
				.params(state, java.sql.Date.valueOf(today()))
				.query((row, number) -> new CareTeam.Member(row.getObject(1, UUID.class), row.getString(2),
						row.getString(3)))
				.optional();
	}

	/**
	 * The therapist who invited the patient, if they are still active and licensed in the patient's
	 * state today: a patient the therapist brought goes to them, whatever their load.
	 */
	private Optional<CareTeam.Member> invitingTherapist(PatientId patient, String state) {
		return invitations.invitedBy(patient).flatMap(clinicians::findByUsername)
				.filter(it -> it.active() && it.role() == ClinicianRole.THERAPIST && isLicensed(it.id().id(), state))
				.map(Assignments::member);
	}

	/** The active coach whose turn it is: the one given a patient longest ago (or never). */
	private Optional<CareTeam.Member> nextCoach() {
		return jdbc.sql("""
				select id, username, display_name from careteams.clinician
				where role = 'COACH' and active
				order by last_assigned_at nulls first, username
				limit 1
				for update""")
				.query((row, number) -> new CareTeam.Member(row.getObject(1, UUID.class), row.getString(2),
						row.getString(3)))
				.optional();
	}

	private int licensedIn(String state) {
		return jdbc.sql("""
				select count(*) from careteams.clinician c
				where c.role = 'THERAPIST' and c.active and careteams.licensed(c.id, ?, ?)""")
				.params(state, java.sql.Date.valueOf(today())).query(Integer.class).single();
	}

	private boolean isLicensed(UUID therapist, String state) {
		return jdbc.sql("select careteams.licensed(?, ?, ?)")
				.params(therapist, state, java.sql.Date.valueOf(today())).query(Boolean.class).single();
	}

	private static CareTeam.Member member(Clinician clinician) {
		return new CareTeam.Member(clinician.id().id(), clinician.username(), clinician.displayName());
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}
}
