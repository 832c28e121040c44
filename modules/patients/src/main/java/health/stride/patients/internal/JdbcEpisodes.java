package health.stride.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeams;
import health.stride.patients.DischargeReason;
import health.stride.patients.Episode;
import health.stride.patients.EpisodeOpened;
import health.stride.patients.Episodes;
import health.stride.patients.PatientDischarged;
import health.stride.patients.PatientId;
import health.stride.patients.PatientStatus;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.tenancy.CurrentTenant;

/** {@link Episodes} on the module's own tables. */
@Service
@Transactional(readOnly = true)
class JdbcEpisodes implements Episodes {

	private final Patients patients;
	private final CareTeams careTeams;
	private final StatusChanges statuses;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final Clock clock;

	JdbcEpisodes(Patients patients, CareTeams careTeams, StatusChanges statuses, JdbcClient jdbc,
			ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
		this.patients = patients;
		this.careTeams = careTeams;
		this.statuses = statuses;
		this.jdbc = jdbc;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	@Override
	public Episode discharge(PatientId id, Discharge discharge, StrideUser therapist) {

		var checked = Discharge.of(discharge.reason(), discharge.summary());
		var patient = lockedFor(id, therapist);
		var episode = current(id).orElseThrow();

		if (!episode.isOpen()) {
			// a replay (a double click, a retried request) gets the discharge it made, nothing else
			if (checked.reason() == episode.reason() && checked.summary().equals(episode.summary())) {
				return episode;
			}
			throw new AlreadyDischarged(episode);
		}

		var now = clock.instant();
		jdbc.sql("""
				update patients.episode set closed_at = ?, reason = ?, summary = ?, discharged_by = ?
				where patient_id = ? and number = ? and closed_at is null""")
				.params(Timestamp.from(now), checked.reason().name(), checked.summary(), therapist.username(), id.id(),
						episode.number())
				.update();
		statuses.changeFor(patient, PatientStatus.DISCHARGED, "patients.discharge-reason." + checked.reason().name());

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id.id(), "patient-episode");
		events.publishEvent(new PatientDischarged(CurrentTenant.require(), id, episode.number()));
		return current(id).orElseThrow();
	}

	@Transactional
	@Override
	public Episode reactivate(PatientId id, StrideUser therapist) {

		var patient = lockedFor(id, therapist);
		var last = current(id).orElseThrow();
		if (last.isOpen()) {
			throw new NotDischarged();
		}

		var next = last.number() + 1;
		jdbc.sql("insert into patients.episode (patient_id, number, opened_at) values (?, ?, ?)")
				.params(id.id(), next, Timestamp.from(clock.instant())).update();

		// the last intake stays on record under its episode; the same answers become the new draft
		jdbc.sql("""
				insert into patients.episode_intake (patient_id, episode_number, pain_regions, pain_now, pain_duration,
				       worse_with, diagnoses, goals, psfs, red_flags, completed_at)
				select patient_id, ?, pain_regions, pain_now, pain_duration, worse_with, diagnoses, goals, psfs, red_flags,
				       completed_at
				from patients.intake where patient_id = ?""")
				.params(last.number(), id.id()).update();
		jdbc.sql("update patients.intake set completed_at = null, step = 1, red_flags = '{}', updated_at = ? where patient_id = ?")
				.params(Timestamp.from(clock.instant()), id.id()).update();

		statuses.changeFor(patient, PatientStatus.ONBOARDING, "patients.status-reason.new-episode");

		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, id.id(), "patient-episode");
		events.publishEvent(new EpisodeOpened(CurrentTenant.require(), id, next));
		return current(id).orElseThrow();
	}

	@Override
	public List<Episode> episodes(PatientId patient) {
		return jdbc.sql(SELECT + " where patient_id = ? order by number").param(patient.id()).query(JdbcEpisodes::episode)
				.list();
	}

	@Override
	public Optional<Episode> current(PatientId patient) {
		return jdbc.sql(SELECT + " where patient_id = ? order by number desc limit 1").param(patient.id())
				.query(JdbcEpisodes::episode).optional();
	}

	@Override
	public Optional<Episode> episode(PatientId patient, int number) {
		return jdbc.sql(SELECT + " where patient_id = ? and number = ?").params(patient.id(), number)
				.query(JdbcEpisodes::episode).optional();
	}

	/** The patient, locked against a second discharge or reactivation at the same time, if the therapist is theirs. */
	private Patient lockedFor(PatientId id, StrideUser therapist) {

		var mine = therapist.has(Role.THERAPIST) && careTeams.of(id).filter(it -> it.isTherapist(therapist.username()))
				.isPresent();
		if (!mine) {
			audit.record(therapist, CurrentTenant.get().orElse(null), AuditAction.ACCESS_DENIED, AuditOutcome.DENIED,
					patients.existsById(id.id()) ? id.id() : null, "patient-episode");
			throw new NoSuchPatient();
		}
		jdbc.sql("select id from patients.patient where id = ? for update").param(id.id()).query().singleRow();
		return patients.findById(id.id()).orElseThrow(NoSuchPatient::new);
	}

	private static final String SELECT = """
			select patient_id, number, opened_at, closed_at, reason, summary, discharged_by from patients.episode""";

	private static Episode episode(ResultSet row, int number) throws SQLException {
		var closed = row.getTimestamp("closed_at");
		var reason = row.getString("reason");
		return new Episode(new PatientId(row.getObject("patient_id", java.util.UUID.class)), row.getInt("number"),
				row.getTimestamp("opened_at").toInstant(), closed == null ? null : closed.toInstant(),
				reason == null ? null : DischargeReason.valueOf(reason), row.getString("summary"),
				row.getString("discharged_by"));
	}
}
