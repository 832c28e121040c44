package health.stride.careteams.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.Instrument;
import health.stride.patients.PatientRecord;
import health.stride.patients.Screenings;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;

/**
 * A patient's mood screening as the chart shows it: the latest score of each questionnaire with its
 * band and how it moved since the one before, every answer over time, and the urgent answers a
 * therapist has still to review. Scores are care: only the care team reads them, read through the
 * patients module's {@link Screenings}, and no sponsor page or API asks for them.
 */
@Service
@Transactional(readOnly = true)
public class ScreeningViews {

	/** How a score moved since the questionnaire before it: lower is better on all three. */
	public enum Change {
		FIRST, BETTER, SAME, WORSE
	}

	/** One questionnaire as shown: its score out of its maximum, its band's code, when (in the patient's zone). */
	public record Shown(UUID id, Instrument instrument, int score, int maximum, String severity, String when,
			boolean urgent, boolean open, @Nullable String reviewedBy, @Nullable String reviewNote, Change change) {}

	/**
	 * The chart's panel.
	 *
	 * @param latest each questionnaire's latest answer, in the order PHQ-2, PHQ-9, GAD-7
	 * @param open the urgent answers not reviewed yet, newest first
	 * @param history every answer, newest first
	 */
	public record Panel(List<Shown> latest, List<Shown> open, List<Shown> history, boolean mayReview) {}

	private final Screenings screenings;

	ScreeningViews(Screenings screenings) {
		this.screenings = screenings;
	}

	/** For a record the reader was allowed to open (see {@link PatientChart#open}); nothing outside the care team. */
	public @Nullable Panel panel(PatientRecord record, StrideUser reader, Locale locale) {

		var team = record.careTeam();
		if (team == null || !team.mayReadCare(reader)) {
			return null;
		}
		var when = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
				.withZone(ZoneId.of(record.timeZone()));
		var all = screenings.of(record.id()); // newest first
		var history = new ArrayList<Shown>();
		for (int i = 0; i < all.size(); i++) {
			var it = all.get(i);
			var before = all.subList(i + 1, all.size()).stream().filter(older -> older.instrument() == it.instrument())
					.findFirst();
			var change = before.map(older -> it.score() < older.score() ? Change.BETTER
					: it.score() > older.score() ? Change.WORSE : Change.SAME).orElse(Change.FIRST);
			history.add(new Shown(it.id(), it.instrument(), it.score(), it.instrument().maximum(), it.severity().code(),
					when.format(it.answeredAt()), it.urgent(), it.open(), it.reviewedBy(), it.reviewNote(), change));
		}
		var latest = java.util.Arrays.stream(Instrument.values())
				.flatMap(instrument -> history.stream().filter(it -> it.instrument() == instrument).findFirst().stream())
				.toList();
		return new Panel(latest, history.stream().filter(Shown::open).toList(), List.copyOf(history),
				reader.has(Role.THERAPIST));
	}

	/**
	 * A therapist's review of an urgent answer, with a note (the patients module audits it).
	 *
	 * @return false if there is no such open answer
	 * @throws IllegalArgumentException for a blank or too long note
	 */
	@Transactional
	public boolean review(PatientRecord record, StrideUser reader, UUID screening, String note) {
		var team = record.careTeam();
		if (team == null || !team.mayReadCare(reader) || !reader.has(Role.THERAPIST)) {
			return false;
		}
		return screenings.review(record.id(), screening, note);
	}
}
