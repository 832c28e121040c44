package health.stride.messaging.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PatientId;
import health.stride.platform.validation.FieldErrors;
import health.stride.programs.Plan;
import health.stride.programs.Plans;

/** The patients' reminder settings, as they chose them on their reminders page. */
@Service
@Transactional(readOnly = true)
public class ReminderSettings {

	/** The settings form as sent, not checked yet: checkboxes send "true" or nothing. */
	public record Input(@Nullable String enabled, @Nullable String at, @Nullable List<String> days,
			@Nullable String quietFrom, @Nullable String quietUntil, @Nullable String email, @Nullable String push) {}

	/** A patient's setting as the job reads it. */
	record Stored(PatientId patient, ReminderSetting setting) {}

	/** What a time field takes: hours and minutes (seconds allowed, as some browsers send them). */
	private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?");

	private final JdbcClient jdbc;
	private final Plans plans;
	private final WebPush push;
	private final Clock clock;

	ReminderSettings(JdbcClient jdbc, Plans plans, WebPush push, Clock clock) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.push = push;
		this.clock = clock;
	}

	/** The patient's setting, or the defaults for their plan's days a week when they never chose. */
	public ReminderSetting of(PatientId patient) {
		return stored(patient).orElseGet(() -> ReminderSetting.defaults(plans.of(patient).map(Plan::daysPerWeek).orElse(0)));
	}

	Optional<ReminderSetting> stored(PatientId patient) {
		return jdbc.sql(SELECT + " where patient_id = ?").param(patient.id()).query(ReminderSettings::row)
				.optional().map(Stored::setting);
	}

	/** The current clinic's patients who want reminders. */
	List<Stored> enabled() {
		return jdbc.sql(SELECT + " where enabled").query(ReminderSettings::row).list();
	}

	/**
	 * Checks and stores the patient's choice.
	 *
	 * @throws health.stride.platform.validation.InvalidInput for a time that is not one, an unknown
	 *     weekday, no weekday or no way to remind while on, quiet hours that start when they end, or a
	 *     time inside the quiet hours; nothing is stored then
	 */
	@Transactional
	public ReminderSetting save(PatientId patient, Input input, Locale locale) {

		var errors = new FieldErrors();
		var enabled = "true".equals(input.enabled());
		var at = time(input.at(), "at", errors);
		var quietFrom = time(input.quietFrom(), "quietFrom", errors);
		var quietUntil = time(input.quietUntil(), "quietUntil", errors);
		var days = EnumSet.noneOf(DayOfWeek.class);
		for (var day : input.days() == null ? List.<String>of() : input.days()) {
			var known = java.util.Arrays.stream(DayOfWeek.values()).filter(it -> it.name().equals(day)).findFirst();
			if (known.isEmpty()) {
				errors.reject("days", "messaging.reminders.error.day");
			}
			known.ifPresent(days::add);
		}
		if (enabled && days.isEmpty()) {
			errors.reject("days", "messaging.reminders.error.no-days");
		}
		var email = "true".equals(input.email());
		var byPush = "true".equals(input.push()) && push.configured();
		if (enabled && !email && !byPush) {
			errors.reject("email", "messaging.reminders.error.no-channel");
		}
		if (quietFrom != null && quietFrom.equals(quietUntil)) {
			errors.reject("quietUntil", "messaging.reminders.error.quiet-same");
		}
		if (at != null && quietFrom != null && quietUntil != null && !quietFrom.equals(quietUntil)
				&& ReminderSetting.isQuiet(at, quietFrom, quietUntil)) {
			var shown = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
			errors.reject("at", "messaging.reminders.error.at-quiet", shown.format(quietFrom), shown.format(quietUntil));
		}
		errors.throwIfAny();

		var setting = new ReminderSetting(enabled, java.util.Objects.requireNonNull(at), days,
				java.util.Objects.requireNonNull(quietFrom), java.util.Objects.requireNonNull(quietUntil), email, byPush);
		jdbc.sql("""
				insert into messaging.reminder_setting (patient_id, enabled, remind_at, weekdays, quiet_from, quiet_until,
				    by_email, by_push, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update
				set enabled = excluded.enabled, remind_at = excluded.remind_at, weekdays = excluded.weekdays,
				    quiet_from = excluded.quiet_from, quiet_until = excluded.quiet_until, by_email = excluded.by_email,
				    by_push = excluded.by_push, updated_at = excluded.updated_at""")
				.params(patient.id(), setting.enabled(), Time.valueOf(setting.at()), setting.weekdayBits(),
						Time.valueOf(setting.quietFrom()), Time.valueOf(setting.quietUntil()), setting.email(),
						setting.push(), java.sql.Timestamp.from(clock.instant()))
				.update();
		return setting;
	}

	private static @Nullable LocalTime time(@Nullable String value, String field, FieldErrors errors) {
		if (value == null || !TIME.matcher(value).matches()) {
			errors.reject(field, "messaging.reminders.error.time");
			return null;
		}
		return LocalTime.parse(value);
	}

	private static final String SELECT = """
			select patient_id, enabled, remind_at, weekdays, quiet_from, quiet_until, by_email, by_push
			from messaging.reminder_setting""";

	private static Stored row(ResultSet row, int number) throws SQLException {
		return new Stored(new PatientId(row.getObject(1, UUID.class)),
				new ReminderSetting(row.getBoolean(2), row.getTime(3).toLocalTime(), ReminderSetting.ofBits(row.getInt(4)),
						row.getTime(5).toLocalTime(), row.getTime(6).toLocalTime(), row.getBoolean(7), row.getBoolean(8)));
	}
}
