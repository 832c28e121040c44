package health.stride.careteams.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.messaging.Threads;
import health.stride.patients.CareTeam;
import health.stride.patients.CoverageEnd;
import health.stride.patients.IntakeDraft;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.patients.PatientStatus;
import health.stride.patients.Payment;
import health.stride.patients.PaymentMethod;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.ExerciseSession;
import health.stride.programs.Outcomes;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.ProgramTemplate;
import health.stride.programs.ProgramTemplates;
import health.stride.programs.ProgressCharts;
import health.stride.programs.Progressions;
import health.stride.programs.Sessions;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNotes;
import health.stride.visits.VisitStatus;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * The patient chart as one query: who the patient is, what needs attention, the intake, the plan,
 * progress and what happened so far, as one view for one reader. Who sees what is the care team's
 * rule ({@link CareTeam#mayOpenChart}, {@link CareTeam#mayReadCare}, {@link CareTeam#mayPlan}): the
 * clinic's administrators see the record, the care team also the care itself. For anyone else the
 * patient does not exist. Text is message codes with their arguments; times are in the patient's zone
 * and the reader's language.
 */
@Service
@Transactional(readOnly = true)
public class PatientChart {

	/** A text of the bundles with its arguments, for the page to show in the reader's language. */
	public record Text(String code, Object... arguments) {

		/** Text a person wrote (a note, a message), shown as written. */
		static Text asWritten(String text) {
			return new Text("careteams.chart.as-written", text);
		}
	}

	/** One line of the timeline, newest first; a signed visit note comes with its sections and addenda. */
	public record Moment(Instant at, String when, Text what, @Nullable Text detail, @Nullable Note note) {

		Moment(Instant at, String when, Text what, @Nullable Text detail) {
			this(at, when, what, detail, null);
		}
	}

	/** A signed visit note as the timeline shows it, as its clinician wrote it. */
	public record Note(VisitNote.Sections sections, List<Addendum> addenda) {}

	/** An addendum to a signed note: its text, who signed it and when (in the patient's zone). */
	public record Addendum(String body, String signedBy, String when) {}

	/** A red-flag report as the chart shows it. */
	public record Flag(UUID id, String reported, Text source, List<String> symptoms, boolean emergency, boolean open,
			@Nullable Text cleared) {}

	/** What the care team sees of the patient's progress; none for anyone else. */
	public record Progress(Outcomes.PatientOutcomes outcomes, ProgressCharts.LineChart painChart,
			ProgressCharts.BarChart sessionChart, ProgressCharts.LineChart psfsChart) {}

	/** The chart as one reader sees it. */
	public record Chart(PatientRecord patient, int age, @Nullable String sponsor, IntakeDraft draft, List<Flag> flags,
			List<Moment> timeline, @Nullable Plan plan, List<String> planLines, List<ProgramTemplate> templates,
			@Nullable Progress progress, Progressions.@Nullable Suggestion suggestion, @Nullable String suggestionWhy,
			Threads.@Nullable Thread thread,
			List<PatientStatus> statuses, boolean mayPlan, boolean mayClear, @Nullable Coverage coverage,
			@Nullable NextVisit nextVisit) {}

	/** The patient's next booked visit: when (in the patient's zone), what kind, with whom. */
	public record NextVisit(String when, String kind, String clinician) {}

	/**
	 * The end of the patient's sponsored cover, its dates in the reader's words, and whether the reader
	 * may move the patient to another payer.
	 */
	public record Coverage(CoverageEnd.Stage stage, String endsOn, @Nullable String readOnlyFrom, PaymentMethod payment,
			boolean mayChangePayment) {}

	private final PatientDirectory directory;
	private final Intakes intakes;
	private final RedFlags redFlags;
	private final SponsorManagement sponsors;
	private final Plans plans;
	private final ProgramTemplates templates;
	private final ExerciseLibrary library;
	private final Sessions sessions;
	private final Outcomes outcomes;
	private final Progressions progressions;
	private final Threads threads;
	private final MessageSource messages;
	private final Visits visits;
	private final VisitTypes visitTypes;
	private final Hosts hosts;
	private final VisitNotes visitNotes;
	private final java.time.Clock clock;

	PatientChart(PatientDirectory directory, Intakes intakes, RedFlags redFlags, SponsorManagement sponsors, Plans plans,
			ProgramTemplates templates, ExerciseLibrary library, Sessions sessions, Outcomes outcomes,
			Progressions progressions, Threads threads, MessageSource messages, Visits visits, VisitTypes visitTypes,
			Hosts hosts, VisitNotes visitNotes, java.time.Clock clock) {
		this.visits = visits;
		this.visitNotes = visitNotes;
		this.visitTypes = visitTypes;
		this.hosts = hosts;
		this.clock = clock;
		this.messages = messages;
		this.directory = directory;
		this.intakes = intakes;
		this.redFlags = redFlags;
		this.sponsors = sponsors;
		this.plans = plans;
		this.templates = templates;
		this.library = library;
		this.sessions = sessions;
		this.outcomes = outcomes;
		this.progressions = progressions;
		this.threads = threads;
	}

	/** Opens the record (every attempt is audited by the patients module), if this reader may see it. */
	public Optional<PatientRecord> open(PatientId patient, StrideUser reader) {
		return directory.open(patient, reader).filter(it -> CareTeam.mayOpenChart(it.careTeam(), reader));
	}

	/** The chart for the reader, or nothing if the patient does not exist for them. */
	public Optional<Chart> of(PatientId patient, StrideUser reader, Locale locale) {
		return open(patient, reader).map(record -> chart(record, reader, locale));
	}

	private Chart chart(PatientRecord record, StrideUser reader, Locale locale) {

		var id = record.id();
		var zone = ZoneId.of(record.timeZone());
		var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
				.withZone(zone);
		var team = record.careTeam();
		var care = team != null && team.mayReadCare(reader);
		var draft = intakes.draft(id);
		var reports = redFlags.of(id);

		var timeline = new ArrayList<Moment>();
		if (draft.completedAt() != null) {
			timeline.add(new Moment(draft.completedAt(), when.format(draft.completedAt()),
					new Text("careteams.chart.intake-completed"),
					draft.painNow() == null ? null : new Text("careteams.chart.pain", draft.painNow())));
		}
		for (var report : reports) {
			timeline.add(new Moment(report.reportedAt(), when.format(report.reportedAt()),
					new Text(report.emergency() ? "careteams.chart.red-flag-reported.emergency"
							: "careteams.chart.red-flag-reported"),
					Text.asWritten(String.join("; ", questions(report, locale)))));
			if (report.clearedAt() != null) {
				var clearedAt = java.util.Objects.requireNonNull(report.clearedAt());
				timeline.add(new Moment(clearedAt, when.format(clearedAt),
						new Text("careteams.chart.red-flag-cleared", String.valueOf(report.clearedBy())),
						report.clearNote() == null ? null : Text.asWritten(report.clearNote())));
			}
		}
		for (var version : plans.versions(id)) {
			timeline.add(new Moment(version.changedAt(), when.format(version.changedAt()),
					new Text("careteams.chart.plan-version", version.version(), version.changedBy()),
					Text.asWritten(version.summary(messages, locale))));
		}
		// sessions, outcomes and messages are for the care team; the clinic's administrators see the record
		for (var session : care ? sessions.of(id, 0, 30) : List.<ExerciseSession>of()) {
			timeline.add(new Moment(session.performedAt(), when.format(session.performedAt()),
					new Text(session.flare() ? "careteams.chart.session-with-flare" : "careteams.chart.session"),
					sessionDetail(session, locale)));
		}
		var thread = care ? threads.ofPatient(id).filter(it -> threads.takesPart(id, reader.username())) : Optional.<Threads.Thread>empty();
		for (var message : thread.isPresent() ? threads.latest(id, 30) : List.<Threads.Message>of()) {
			var text = message.code() != null ? null : message.body();
			timeline.add(new Moment(message.sentAt(), when.format(message.sentAt()),
					new Text("careteams.chart.message-from", message.senderName()),
					text == null ? new Text("careteams.chart.message-from-stride")
							: Text.asWritten(text.length() > 140 ? text.substring(0, 140) + "…" : text)));
		}
		for (var change : directory.statusHistory(id)) {
			timeline.add(new Moment(change.changedAt(), when.format(change.changedAt()),
					new Text("careteams.chart.status-changed." + change.to().name()),
					change.reasonCode() != null ? new Text(change.reasonCode()) : Text.asWritten(change.reason())));
		}
		var patientVisits = visits.ofPatient(id);
		for (var visit : patientVisits.subList(0, Math.min(patientVisits.size(), MAX_VISITS))) {
			visitMoments(visit, when, locale, timeline);
		}
		for (var note : visitNotes.signedOf(reader, id)) {
			noteMoment(note, patientVisits, when, timeline);
		}
		timeline.sort(Comparator.comparing(Moment::at).reversed());

		var flags = reports.stream().map(it -> new Flag(it.id(), when.format(it.reportedAt()),
				new Text(it.source() == RedFlags.Source.INTAKE ? "careteams.chart.flag.at-intake"
						: "careteams.chart.flag.reported"),
				questions(it, locale), it.emergency(), it.open(),
				it.clearedAt() == null ? null
						: new Text("careteams.chart.flag.cleared", String.valueOf(it.clearedBy()), String.valueOf(it.clearNote()))))
				.toList();

		var plan = plans.of(id);
		var planLines = plan.map(it -> it.phase().exercises().stream()
				.map(line -> library.find(line.slug(), locale).map(Exercise::name).orElse(line.slug()) + ": "
						+ line.dosing().words().in(messages, locale))
				.toList()).orElse(List.of());

		Progress progress = null;
		if (care) {
			var shown = outcomes.of(id, zone);
			progress = new Progress(shown, ProgressCharts.pain(shown.pain(), messages, locale),
					ProgressCharts.sessions(shown.weeks(), messages, locale), ProgressCharts.psfs(shown.psfs(), messages, locale));
		}
		var sponsor = record.sponsorId() == null ? null
				: sponsors.find(new SponsorId(java.util.Objects.requireNonNull(record.sponsorId())))
						.map(SponsorSummary::name).orElse(null);

		var suggestion = progressions.open(id);
		return new Chart(record, Period.between(record.dateOfBirth(), LocalDate.now(zone)).getYears(), sponsor, draft,
				flags, List.copyOf(timeline), plan.orElse(null), planLines, templates.all(), progress,
				suggestion.orElse(null), suggestion.map(it -> messages.getMessage(it.words(), locale)).orElse(null),
				thread.orElse(null),
				record.status() == PatientStatus.DISCHARGED ? List.of() : List.of(PatientStatus.ACTIVE, PatientStatus.PAUSED),
				team != null && team.mayPlan(reader), reader.has(Role.THERAPIST), coverage(record, reader, locale),
				nextVisit(patientVisits, when, locale));
	}

	/** The visits the timeline shows at most, the latest by their start. */
	static final int MAX_VISITS = 30;

	/**
	 * A visit's moments: when it was booked (for the time it has now, and how often it moved), and when
	 * it was cancelled, missed or held. The visits module keeps a visit's current time, not each move.
	 */
	private void visitMoments(Visit visit, DateTimeFormatter when, Locale locale, List<Moment> timeline) {
		var kind = kind(visit, locale);
		var startsAt = when.format(visit.startsAt());
		timeline.add(new Moment(visit.bookedAt(), when.format(visit.bookedAt()),
				new Text("careteams.chart.visit-booked", kind, startsAt),
				visit.rescheduled() == 0 ? null : new Text("careteams.chart.visit-moved", visit.rescheduled())));
		switch (visit.status()) {
			case CANCELLED -> {
				var cancelledAt = java.util.Objects.requireNonNull(visit.cancelledAt());
				timeline.add(new Moment(cancelledAt, when.format(cancelledAt),
						new Text(visit.late() ? "careteams.chart.visit-cancelled-late" : "careteams.chart.visit-cancelled",
								kind, startsAt), null));
			}
			case MISSED -> timeline.add(new Moment(visit.startsAt(), startsAt,
					new Text("careteams.chart.visit-missed", kind), null));
			case COMPLETED -> timeline.add(new Moment(visit.startsAt(), startsAt,
					new Text("careteams.chart.visit-held", kind), null));
			case BOOKED -> { }
		}
	}

	/** A signed note: when it was signed, the visit's kind and date, its clinician and minutes, then the note itself. */
	private void noteMoment(VisitNote note, List<Visit> patientVisits, DateTimeFormatter when, List<Moment> timeline) {
		var signedAt = java.util.Objects.requireNonNull(note.signedAt());
		var visit = patientVisits.stream().filter(it -> it.id().equals(note.visit())).findFirst()
				.or(() -> visits.find(note.visit()));
		var kind = visit.map(it -> kind(it, java.util.Objects.requireNonNull(when.getLocale()))).orElse("");
		var startsAt = visit.map(it -> when.format(it.startsAt())).orElse("");
		var clinician = hosts.find(note.clinicianId()).map(Host::displayName).orElse(String.valueOf(note.signedBy()));
		timeline.add(new Moment(signedAt, when.format(signedAt),
				new Text("careteams.chart.visit-note", kind, startsAt, clinician, note.minutes()), null,
				new Note(note.sections(), note.addenda().stream()
						.map(it -> new Addendum(it.body(), it.signedBy(), when.format(it.signedAt()))).toList())));
	}

	private @Nullable NextVisit nextVisit(List<Visit> patientVisits, DateTimeFormatter when, Locale locale) {
		var now = clock.instant();
		return patientVisits.stream().filter(it -> it.status() == VisitStatus.BOOKED && it.endsAt().isAfter(now))
				.min(Comparator.comparing(Visit::startsAt))
				.map(it -> new NextVisit(when.format(it.startsAt()), kind(it, locale),
						hosts.find(it.clinicianId()).map(Host::displayName).orElse("")))
				.orElse(null);
	}

	private String kind(Visit visit, Locale locale) {
		return visitTypes.find(visit.type()).map(it -> it.name(messages, locale)).orElse(visit.type());
	}

	private @Nullable Coverage coverage(PatientRecord record, StrideUser reader, Locale locale) {
		var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
		return directory.coverageEnd(record.id())
				.map(end -> new Coverage(end.stage(), day.format(end.endsOn()),
						end.portalReadOnlyFrom() == null ? null : day.format(end.portalReadOnlyFrom()),
						record.payment().method(), CareTeam.mayChangePayment(record.careTeam(), reader)))
				.orElse(null);
	}

	/**
	 * Moves the patient to another payer, if the reader may (the patients module audits it).
	 *
	 * @return false if the patient does not exist for this reader, or they may not change it
	 */
	@Transactional
	public boolean changePayment(PatientId patient, StrideUser reader, Payment payment) {
		var record = open(patient, reader).filter(it -> CareTeam.mayChangePayment(it.careTeam(), reader));
		record.ifPresent(it -> directory.changePayment(it.id(), payment));
		return record.isPresent();
	}

	private List<String> questions(RedFlags.Report report, Locale locale) {
		return report.symptoms().stream().sorted()
				.map(it -> messages.getMessage("patients.red-flag." + it.code(), null, locale)).toList();
	}

	private Text sessionDetail(ExerciseSession session, Locale locale) {
		var done = session.exercises().size() - session.skippedCount();
		var shift = messages.getMessage("programs.symptom-shift." + session.symptomShift().name(), null, locale)
				.toLowerCase(locale);
		return session.walkingMinutes() == null
				? new Text("careteams.chart.session.detail", session.painBefore(), session.painAfter(), done,
						session.exercises().size(), shift)
				: new Text("careteams.chart.session.detail-walked", session.painBefore(), session.painAfter(), done,
						session.exercises().size(), session.walkingMinutes(), shift);
	}
}
