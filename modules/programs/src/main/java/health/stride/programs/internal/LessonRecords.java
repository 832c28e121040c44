package health.stride.programs.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import health.stride.patients.PatientId;
import health.stride.programs.Lesson;
import health.stride.programs.Lessons;

/** The current clinic's own lessons, the lesson lists of templates and plans, and patients' reading; the clinic comes from the transaction. */
@Repository
class LessonRecords {

	private static final String SELECT = "select slug, title, takeaway, paragraphs, reviewed_on from programs.custom_lesson";

	private final JdbcClient jdbc;

	LessonRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Lesson> custom() {
		return jdbc.sql(SELECT + " order by title").query((row, number) -> lesson(row)).list();
	}

	Optional<Lesson> custom(String slug) {
		return jdbc.sql(SELECT + " where slug = ?").param(slug).query((row, number) -> lesson(row)).optional();
	}

	boolean titled(String title, String except) {
		return jdbc.sql("select count(*) from programs.custom_lesson where lower(title) = lower(?) and slug <> ?")
				.params(title, except).query(Long.class).single() > 0;
	}

	void insert(String slug, Lessons.Draft draft, LocalDate reviewedOn, String createdBy, Instant at) {
		jdbc.sql("""
				insert into programs.custom_lesson (slug, title, takeaway, paragraphs, reviewed_on, created_by, created_at,
				    updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(slug, draft.title(), draft.takeaway(), draft.paragraphs().toArray(String[]::new), reviewedOn,
						createdBy, Timestamp.from(at), Timestamp.from(at))
				.update();
	}

	boolean update(String slug, Lessons.Draft draft, LocalDate reviewedOn, Instant at) {
		return jdbc.sql("""
				update programs.custom_lesson set title = ?, takeaway = ?, paragraphs = ?, reviewed_on = ?, updated_at = ?
				where slug = ?""")
				.params(draft.title(), draft.takeaway(), draft.paragraphs().toArray(String[]::new), reviewedOn,
						Timestamp.from(at), slug)
				.update() == 1;
	}

	/** The template's key and its lessons as set (null if never set); empty if the clinic has no such template. */
	Optional<Listed> template(UUID id) {
		return jdbc.sql("select key, lessons from programs.template where id = ?").param(id)
				.query((row, number) -> new Listed(row.getString(1), slugs(row.getArray(2)))).optional();
	}

	boolean changeTemplate(UUID id, List<String> slugs) {
		return jdbc.sql("update programs.template set lessons = ? where id = ?")
				.params(slugs.toArray(String[]::new), id).update() == 1;
	}

	/**
	 * The lessons of the patient's current plan as set, else its template's as set, with the template's
	 * key for the catalogue's default; empty if the patient has no current plan.
	 */
	Optional<Listed> plan(PatientId patient) {
		return jdbc.sql("""
				select t.key, coalesce(p.lessons, t.lessons)
				from programs.plan p left join programs.template t on t.tenant_id = p.tenant_id and t.id = p.template_id
				where p.patient_id = ? and p.ended_at is null""")
				.param(patient.id())
				.query((row, number) -> new Listed(row.getString(1), slugs(row.getArray(2)))).optional();
	}

	boolean changePlan(PatientId patient, List<String> slugs) {
		return jdbc.sql("update programs.plan set lessons = ? where patient_id = ? and ended_at is null")
				.params(slugs.toArray(String[]::new), patient.id()).update() == 1;
	}

	/** When the patient read each lesson they have read. */
	Map<String, Instant> reads(PatientId patient) {
		var reads = new LinkedHashMap<String, Instant>();
		jdbc.sql("select slug, read_at from programs.lesson_read where patient_id = ? order by read_at")
				.param(patient.id())
				.query(row -> {
					reads.put(row.getString(1), row.getTimestamp(2).toInstant());
				});
		return reads;
	}

	/** @return false if the patient had read it before */
	boolean read(PatientId patient, String slug, Instant at) {
		return jdbc.sql("""
				insert into programs.lesson_read (patient_id, slug, read_at) values (?, ?, ?)
				on conflict (tenant_id, patient_id, slug) do nothing""")
				.params(patient.id(), slug, Timestamp.from(at)).update() == 1;
	}

	Optional<String> shownOn(PatientId patient, LocalDate day) {
		return jdbc.sql("select slug from programs.lesson_day where patient_id = ? and day = ?")
				.params(patient.id(), day).query(String.class).optional();
	}

	/** Fixes the day's lesson; a lesson fixed for the day already stays. */
	void show(PatientId patient, LocalDate day, String slug, Instant at) {
		jdbc.sql("""
				insert into programs.lesson_day (patient_id, day, slug, shown_at) values (?, ?, ?, ?)
				on conflict (tenant_id, patient_id, day) do nothing""")
				.params(patient.id(), day, slug, Timestamp.from(at)).update();
	}

	/** A template's key (for the catalogue's default) and its lessons, null where never set. */
	record Listed(@Nullable String key, @Nullable List<String> lessons) {}

	private static Lesson lesson(java.sql.ResultSet row) throws java.sql.SQLException {
		return new Lesson(row.getString("slug"), row.getString("title"), row.getString("takeaway"),
				Arrays.asList((String[]) row.getArray("paragraphs").getArray()), row.getObject("reviewed_on", LocalDate.class),
				true);
	}

	private static @Nullable List<String> slugs(java.sql.@Nullable Array array) throws java.sql.SQLException {
		return array == null ? null : List.of((String[]) array.getArray());
	}
}
