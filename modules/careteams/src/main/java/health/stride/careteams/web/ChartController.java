package health.stride.careteams.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.patients.Intakes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientRecord;
import health.stride.patients.PatientStatus;
import health.stride.patients.RedFlag;
import health.stride.patients.RedFlags;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.messaging.Threads;
import health.stride.programs.Outcomes;
import health.stride.programs.Plans;
import health.stride.programs.ProgressCharts;
import health.stride.programs.Progressions;
import health.stride.programs.Sessions;
import health.stride.programs.ProgramTemplates;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;

/**
 * The patient chart: who the patient is, what needs attention (open red flags first), the intake,
 * and what happened so far. Opens for the patient's care team and the clinic's administrators;
 * for anyone else the patient does not exist. Every opening is audited by the patients module.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
class ChartController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a z", Locale.US);

	private final PatientDirectory directory;
	private final Intakes intakes;
	private final RedFlags redFlags;
	private final SponsorManagement sponsors;
	private final Plans plans;
	private final ExerciseLibrary library;
	private final Sessions sessions;
	private final Outcomes outcomes;
	private final Progressions progressions;
	private final Threads threads;
	private final ProgramTemplates templates;
	private final org.springframework.context.MessageSource messages;

	ChartController(PatientDirectory directory, Intakes intakes, RedFlags redFlags, SponsorManagement sponsors,
			Plans plans, ProgramTemplates templates, ExerciseLibrary library, Sessions sessions, Outcomes outcomes,
			Progressions progressions, Threads threads, org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.threads = threads;
		this.library = library;
		this.sessions = sessions;
		this.outcomes = outcomes;
		this.progressions = progressions;
		this.directory = directory;
		this.intakes = intakes;
		this.redFlags = redFlags;
		this.sponsors = sponsors;
		this.plans = plans;
		this.templates = templates;
	}

	/** The red-flag symptom as the patient was asked about it, in the reader's language. */
	private String question(RedFlag flag) {
		return messages.getMessage("patients.red-flag." + flag.code(), null,
				org.springframework.context.i18n.LocaleContextHolder.getLocale());
	}

	/** One line of the chart's timeline, newest first. */
	record Moment(Instant at, String when, String what, @Nullable String detail) {}

	/** A red-flag report as the chart shows it. */
	record Flag(UUID id, String reported, String source, List<String> symptoms, boolean emergency, boolean open,
			@Nullable String cleared) {}

	@GetMapping("/patients/{patientId}")
	String chart(@PathVariable UUID patientId, Model model) {

		var record = open(patientId);
		var id = record.id();
		var zone = ZoneId.of(record.timeZone());
		var draft = intakes.draft(id);
		var reports = redFlags.of(id);

		var timeline = new ArrayList<Moment>();
		if (draft.completedAt() != null) {
			timeline.add(moment(draft.completedAt(), zone, "Intake completed",
					draft.painNow() == null ? null : "Pain " + draft.painNow() + "/10"));
		}
		for (var report : reports) {
			timeline.add(moment(report.reportedAt(), zone, "Red flag reported" + (report.emergency() ? " (emergency)" : ""),
					String.join("; ", report.symptoms().stream().sorted().map(this::question).toList())));
			if (report.clearedAt() != null) {
				timeline.add(moment(report.clearedAt(), zone, "Red flag cleared by " + report.clearedBy(), report.clearNote()));
			}
		}
		for (var version : plans.versions(id)) {
			timeline.add(moment(version.changedAt(), zone, "Plan version " + version.version() + " by " + version.changedBy(),
					version.summary()));
		}
		// sessions, outcomes and messages are for the care team; the clinic's administrators see the record
		var team = record.careTeam();
		var me = CurrentUser.require().username();
		var onCareTeam = team != null && team.includes(me);
		for (var session : onCareTeam ? sessions.of(id, 0, 30) : List.<health.stride.programs.ExerciseSession>of()) {
			var done = session.exercises().size() - session.skippedCount();
			timeline.add(moment(session.performedAt(), zone, session.flare() ? "Session with a pain flare" : "Session",
					"Pain " + session.painBefore() + " → " + session.painAfter() + "; " + done + " of "
							+ session.exercises().size() + " exercises done" + (session.walkingMinutes() == null ? ""
									: "; walked " + session.walkingMinutes() + " min")
							+ "; symptoms: " + session.symptomShift().label().toLowerCase(java.util.Locale.ROOT)));
		}
		var participant = threads.ofPatient(id)
				.filter(it -> it.participant(CurrentUser.require().username()).filter(Threads.Participant::active).isPresent());
		for (var message : participant.isPresent() ? threads.latest(id, 30) : List.<Threads.Message>of()) {
			var text = message.body().length() > 140 ? message.body().substring(0, 140) + "…" : message.body();
			timeline.add(moment(message.sentAt(), zone, "Message from " + message.senderName(), text));
		}
		for (var change : directory.statusHistory(id)) {
			timeline.add(moment(change.changedAt(), zone, "Status: " + label(change.to()), change.reason()));
		}
		timeline.sort(Comparator.comparing(Moment::at).reversed());

		model.addAttribute("patient", record);
		model.addAttribute("age", Period.between(record.dateOfBirth(), LocalDate.now(zone)).getYears());
		model.addAttribute("sponsor", record.sponsorId() == null ? null
				: sponsors.find(new SponsorId(record.sponsorId())).map(SponsorSummary::name).orElse(null));
		model.addAttribute("draft", draft);
		model.addAttribute("flags", reports.stream().map(it -> new Flag(it.id(), WHEN.format(it.reportedAt().atZone(zone)),
				it.source() == RedFlags.Source.INTAKE ? "at intake" : "reported by the patient",
				it.symptoms().stream().sorted().map(this::question).toList(), it.emergency(), it.open(),
				it.clearedAt() == null ? null : "Cleared by " + it.clearedBy() + ": " + it.clearNote())).toList());
		model.addAttribute("timeline", timeline);
		model.addAttribute("statuses", List.of(PatientStatus.ACTIVE, PatientStatus.PAUSED, PatientStatus.DISCHARGED));
		model.addAttribute("mayClear", CurrentUser.require().has(Role.THERAPIST));
		var plan = plans.of(id);
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("planLines", plan.map(it -> it.phase().exercises().stream()
				.map(line -> library.find(line.slug()).map(Exercise::name).orElse(line.slug()) + ": "
						+ line.dosing().summary())
				.toList()).orElse(List.of()));
		model.addAttribute("templates", templates.all());
		if (onCareTeam) {
			var progress = outcomes.of(id, zone);
			model.addAttribute("outcomes", progress);
			model.addAttribute("painChart", ProgressCharts.pain(progress.pain()));
			model.addAttribute("sessionChart", ProgressCharts.sessions(progress.weeks()));
			model.addAttribute("psfsChart", ProgressCharts.psfs(progress.psfs()));
		}
		model.addAttribute("suggestion", progressions.open(id).orElse(null));
		model.addAttribute("thread", participant.orElse(null)); // messages are for the care team only
		model.addAttribute("isTherapist", record.careTeam() != null
				&& record.careTeam().isTherapist(CurrentUser.require().username()));
		return "careteams/chart";
	}

	@PostMapping("/patients/{patientId}/red-flags/{reportId}/clearance")
	@PreAuthorize("hasRole('THERAPIST')")
	String clear(@PathVariable UUID patientId, @PathVariable UUID reportId, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {

		var record = open(patientId);
		if (note.isBlank() || note.strip().length() > RedFlags.MAX_NOTE) {
			redirect.addFlashAttribute("flash", "Write a note of what you did (up to " + RedFlags.MAX_NOTE
					+ " characters) to clear the red flag.");
		} else if (redFlags.clear(record.id(), reportId, note)) {
			redirect.addFlashAttribute("flash", "Red flag cleared.");
		} else {
			redirect.addFlashAttribute("flash", "That red flag was already cleared.");
		}
		return "redirect:/patients/" + patientId;
	}

	@PostMapping("/patients/{patientId}/plan")
	@PreAuthorize("hasRole('THERAPIST')")
	String assignPlan(@PathVariable UUID patientId, @RequestParam(required = false) @Nullable UUID template,
			RedirectAttributes redirect) {

		var record = open(patientId);
		if (template == null) {
			redirect.addFlashAttribute("flash", "Choose a template.");
			return "redirect:/patients/" + patientId;
		}
		try {
			var plan = plans.assign(record.id(), template, CurrentUser.require());
			redirect.addFlashAttribute("flash", "Plan assigned: " + plan.name() + " (version " + plan.version() + ").");
		} catch (Plans.NotYourPatient notYours) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient.");
		} catch (IllegalArgumentException noTemplate) {
			redirect.addFlashAttribute("flash", "The clinic has no such template.");
		}
		return "redirect:/patients/" + patientId;
	}

	@PostMapping("/patients/{patientId}/status")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String changeStatus(@PathVariable UUID patientId, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {

		var record = open(patientId);
		var next = java.util.Arrays.stream(PatientStatus.values()).filter(it -> it.name().equals(status)).findFirst();
		if (next.isEmpty() || next.get() == PatientStatus.ONBOARDING || reason.isBlank() || reason.length() > 500) {
			redirect.addFlashAttribute("flash", "Choose active, paused or discharged, and give a reason of up to 500 characters.");
		} else if (directory.changeStatus(record.id(), next.get(), reason.strip())) {
			redirect.addFlashAttribute("flash", "Status changed to " + label(next.get()).toLowerCase(Locale.ROOT) + ".");
		} else {
			redirect.addFlashAttribute("flash", "The patient is already " + label(next.get()).toLowerCase(Locale.ROOT) + ".");
		}
		return "redirect:/patients/" + patientId;
	}

	private PatientRecord open(UUID patientId) {
		return directory.open(new PatientId(patientId), CurrentUser.require())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such patient."));
	}

	static String label(PatientStatus status) {
		var name = status.name().toLowerCase(Locale.ROOT);
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

	private static Moment moment(Instant at, ZoneId zone, String what, @Nullable String detail) {
		return new Moment(at, WHEN.format(at.atZone(zone)), what, detail);
	}
}
