package health.stride.careteams.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.CareTeam;
import health.stride.patients.Episode;
import health.stride.patients.Episodes;
import health.stride.patients.PatientRecord;
import health.stride.patients.PatientStatus;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.programs.Outcomes;

/**
 * A patient's episodes of care as the chart and the discharge summary show them: when each opened and
 * ended, why, the therapist's summary and the episode's outcomes. Outcomes are care, so only the care
 * team reads them; the clinic's administrators see the episodes without them. Only the therapist of
 * record discharges and reactivates.
 */
@Service
@Transactional(readOnly = true)
public class EpisodeViews {

	/** One episode as shown; {@code outcomes} is null for a reader outside the care team. */
	public record Shown(int number, String opened, @Nullable String closed, @Nullable String reason,
			@Nullable String summary, @Nullable String dischargedBy, Outcomes.@Nullable EpisodeOutcomes outcomes) {}

	/** The chart's panel: the episodes, newest first, and what the reader may do. */
	public record Panel(List<Shown> episodes, boolean discharged, boolean mayDischarge, boolean mayReactivate) {}

	private final Episodes episodes;
	private final Outcomes outcomes;

	EpisodeViews(Episodes episodes, Outcomes outcomes) {
		this.episodes = episodes;
		this.outcomes = outcomes;
	}

	/** For a record the reader was allowed to open (see {@link PatientChart#open}). */
	public Panel panel(PatientRecord record, StrideUser reader, Locale locale) {
		var shown = episodes.episodes(record.id()).reversed().stream().map(it -> shown(record, it, reader, locale)).toList();
		var therapist = isTherapistOfRecord(record, reader);
		var discharged = record.status() == PatientStatus.DISCHARGED;
		return new Panel(shown, discharged, therapist && !discharged, therapist && discharged);
	}

	/** One episode, for its summary page. */
	public Optional<Shown> episode(PatientRecord record, int number, StrideUser reader, Locale locale) {
		return episodes.episode(record.id(), number).map(it -> shown(record, it, reader, locale));
	}

	static boolean isTherapistOfRecord(PatientRecord record, StrideUser reader) {
		var team = record.careTeam();
		return team != null && reader.has(Role.THERAPIST) && team.isTherapist(reader.username());
	}

	private Shown shown(PatientRecord record, Episode episode, StrideUser reader, Locale locale) {
		var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
				.withZone(ZoneId.of(record.timeZone()));
		CareTeam team = record.careTeam();
		var care = team != null && team.mayReadCare(reader);
		return new Shown(episode.number(), day.format(episode.openedAt()), format(day, episode.closedAt()),
				episode.reason() == null ? null : episode.reason().name(), episode.summary(), episode.dischargedBy(),
				care ? outcomes.ofEpisode(record.id(), episode.number()).orElse(null) : null);
	}

	private static @Nullable String format(DateTimeFormatter format, @Nullable Instant at) {
		return at == null ? null : format.format(at);
	}
}
