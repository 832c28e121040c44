package health.stride.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.Aggravator;
import health.stride.patients.Consents;
import health.stride.patients.Diagnosis;
import health.stride.patients.IntakeAnswers;
import health.stride.patients.IntakeCompleted;
import health.stride.patients.IntakeDraft;
import health.stride.patients.IntakeFacts;
import health.stride.patients.IntakeStep;
import health.stride.patients.Intakes.AlreadyCompleted;
import health.stride.patients.Intakes.StepNotReached;
import health.stride.patients.Intakes;
import health.stride.patients.PainDuration;
import health.stride.patients.PainRegion;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PsfsItem;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.tenancy.CurrentTenant;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link Intakes} on the module's own tables. */
@Service
@Transactional(readOnly = true)
class JdbcIntakes implements Intakes {

	private final JdbcClient jdbc;
	private final PatientDirectory directory;
	private final Consents consents;
	private final RedFlags redFlags;
	private final StatusChanges statuses;
	private final ApplicationEventPublisher events;
	private final AuditTrail audit;
	private final JsonMapper json;
	private final Clock clock;

	JdbcIntakes(JdbcClient jdbc, PatientDirectory directory, Consents consents, RedFlags redFlags,
			StatusChanges statuses, ApplicationEventPublisher events, AuditTrail audit, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.consents = consents;
		this.redFlags = redFlags;
		this.statuses = statuses;
		this.events = events;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * What the patient's finished intake says for tailoring a plan; empty until the intake is
	 * finished. A finished intake no longer changes, so whoever reads this after
	 * {@link IntakeCompleted}, however late, reads what the patient answered.
	 */
	@Override
	public java.util.Optional<IntakeFacts> factsOf(PatientId patient) {
		var draft = draft(patient);
		return draft.completed() ? java.util.Optional.of(IntakeFacts.of(draft)) : java.util.Optional.empty();
	}

	@Override
	public IntakeDraft draft(PatientId patient) {
		return jdbc.sql("""
				select step, completed_at, pain_regions, pain_now, pain_duration, worse_with, diagnoses, goals, psfs::text,
				       red_flags
				from patients.intake where patient_id = ?""")
				.param(patient.id()).query((row, number) -> draft(row)).optional().orElseGet(IntakeDraft::empty);
	}

	/**
	 * Saves one step; the last one completes the intake. A patient may go back to an earlier step,
	 * never skip ahead.
	 *
	 * @throws Consents.Required before the patient agreed to the current consents
	 * @throws AlreadyCompleted once the intake is complete
	 * @throws StepNotReached for a step after the next one
	 */
	@Transactional
	@Override
	public IntakeDraft save(PatientId patient, IntakeStep step) {

		var draft = editable(patient);
		if (step.number() > draft.nextStep()) {
			throw new StepNotReached(draft.nextStep());
		}

		write(patient, step, Math.max(draft.nextStep(), step.number() + 1));
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "intake");

		if (step instanceof IntakeStep.Screen) {
			complete(patient);
		}
		return draft(patient);
	}

	/**
	 * The whole intake at once, as the API takes it.
	 *
	 * @throws Consents.Required before the patient agreed to the current consents
	 * @throws AlreadyCompleted once the intake is complete
	 */
	@Transactional
	@Override
	public IntakeDraft submit(PatientId patient, IntakeAnswers answers) {

		editable(patient);
		for (var step : answers.steps()) {
			write(patient, step, step.number() + 1);
		}
		audit.record(AuditAction.WRITE, AuditOutcome.SUCCESS, patient.id(), "intake");
		complete(patient);
		return draft(patient);
	}

	private IntakeDraft editable(PatientId patient) {

		directory.requireOpenPortal(patient);
		consents.require(patient);
		// one intake per patient: lock its row (or the patient's, before the first step) against a double submit
		jdbc.sql("select id from patients.patient where id = ? for update").param(patient.id()).query().singleRow();
		var draft = draft(patient);
		if (draft.completed()) {
			throw new AlreadyCompleted();
		}
		return draft;
	}

	private void write(PatientId patient, IntakeStep step, int next) {

		var now = java.sql.Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into patients.intake (patient_id, step, updated_at)
				values (?, 1, ?)
				on conflict (tenant_id, patient_id) do nothing""").params(patient.id(), now).update();

		var set = switch (step) {
			case IntakeStep.WhereItHurts where -> jdbc.sql("update patients.intake set pain_regions = ?, pain_now = ?"
					+ UPDATE_TAIL).params(codes(where.regions()), where.painNow());
			case IntakeStep.Course course -> jdbc.sql("update patients.intake set pain_duration = ?, worse_with = ?"
					+ UPDATE_TAIL).params(course.duration().name(), codes(course.worseWith()));
			case IntakeStep.History history -> jdbc.sql("update patients.intake set diagnoses = ?, goals = ?"
					+ UPDATE_TAIL).params(codes(history.diagnoses()), history.goals());
			case IntakeStep.Function function -> jdbc.sql("update patients.intake set psfs = ?::jsonb"
					+ UPDATE_TAIL).params(json.writeValueAsString(function.psfs()));
			case IntakeStep.Screen screen -> jdbc.sql("update patients.intake set red_flags = ?"
					+ UPDATE_TAIL).params((Object) codes(screen.yes()));
		};
		set.params(next, now, patient.id()).update();
	}

	private static final String UPDATE_TAIL = ", step = ?, updated_at = ? where patient_id = ?";

	private void complete(PatientId patient) {

		jdbc.sql("update patients.intake set completed_at = ?, step = ? where patient_id = ?")
				.params(java.sql.Timestamp.from(clock.instant()), IntakeStep.LAST + 1, patient.id()).update();

		var draft = draft(patient);
		events.publishEvent(new IntakeCompleted(CurrentTenant.require(), patient));

		if (!draft.redFlags().isEmpty()) {
			redFlags.report(patient, draft.redFlags(), RedFlags.Source.INTAKE);
		}
		statuses.activateIfReady(patient.id());
	}

	private IntakeDraft draft(ResultSet row) throws SQLException {
		return new IntakeDraft(row.getInt("step"),
				row.getTimestamp("completed_at") == null ? null : row.getTimestamp("completed_at").toInstant(),
				values(PainRegion.class, row, "pain_regions"), (Integer) row.getObject("pain_now"),
				row.getString("pain_duration") == null ? null : PainDuration.valueOf(row.getString("pain_duration")),
				values(Aggravator.class, row, "worse_with"), values(Diagnosis.class, row, "diagnoses"),
				row.getString("goals"), json.readValue(row.getString("psfs"), new TypeReference<List<PsfsItem>>() {}),
				values(RedFlag.class, row, "red_flags"));
	}

	private static String[] codes(Collection<? extends Enum<?>> values) {
		return values.stream().sorted().map(Enum::name).toArray(String[]::new);
	}

	private static <E extends Enum<E>> Set<E> values(Class<E> type, ResultSet row, String column) throws SQLException {
		var names = (String[]) row.getArray(column).getArray();
		var values = EnumSet.noneOf(type);
		Arrays.stream(names).map(name -> Enum.valueOf(type, name)).forEach(values::add);
		return values;
	}
}
