package health.stride.app.web;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

import health.stride.careteams.ClinicianManagement;
import health.stride.careteams.ClinicianSummary;
import health.stride.patients.Consents;
import health.stride.patients.Intakes;
import health.stride.patients.Episode;
import health.stride.patients.Episodes;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientRecord;
import health.stride.patients.Screenings;
import health.stride.programs.Habits;
import health.stride.programs.Lessons;
import health.stride.programs.Plans;
import health.stride.platform.audit.AuditAction;
import health.stride.platform.audit.AuditOutcome;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * The patient's home: the one next step (agree and do the intake, wait for a care team, or follow
 * the plan), the care team by name, open warning signs, and who has opened the record.
 */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class PortalController {

	/** What the patient should do next, in the order onboarding goes. */
	enum NextStep {
		CONSENT, INTAKE, URGENT, WAIT_FOR_CARE_TEAM, PLAN,
		/** Discharged (or coverage ended): history, progress and messages to read, nothing to do. */
		READ_ONLY
	}

	private final PatientDirectory directory;
	private final Consents consents;
	private final Intakes intakes;
	private final ClinicianManagement clinicians;
	private final ClinicRegistry clinics;
	private final AuditTrail audit;
	private final Plans plans;
	private final Habits habits;
	private final CoverageNote.Notes coverageNotes;
	private final Episodes episodes;
	private final Screenings screenings;
	private final Visits visits;
	private final VisitTypes visitTypes;
	private final Hosts hosts;
	private final MessageSource messages;
	private final Lessons lessons;
	private final Clock clock;

	PortalController(PatientDirectory directory, Consents consents, Intakes intakes,
			ClinicianManagement clinicians, ClinicRegistry clinics, AuditTrail audit, Plans plans, Habits habits,
			CoverageNote.Notes coverageNotes, Episodes episodes, Screenings screenings, Visits visits,
			VisitTypes visitTypes, Hosts hosts, MessageSource messages, Lessons lessons, Clock clock) {
		this.screenings = screenings;
		this.lessons = lessons;
		this.visits = visits;
		this.visitTypes = visitTypes;
		this.hosts = hosts;
		this.messages = messages;
		this.clock = clock;
		this.coverageNotes = coverageNotes;
		this.plans = plans;
		this.habits = habits;
		this.episodes = episodes;
		this.directory = directory;
		this.consents = consents;
		this.intakes = intakes;
		this.clinicians = clinicians;
		this.clinics = clinics;
		this.audit = audit;
	}

	@GetMapping("/portal")
	String portal(Model model) {

		model.addAttribute("clinic", clinicName());
		var found = directory.mine(CurrentUser.require());
		if (found.isEmpty()) {
			// the record is opened from the signup event, just after the account: a moment can pass in between
			return "app/portal-pending";
		}
		var record = found.get();
		var readOnly = !directory.portalAccess(record.id()).isOpen();
		var next = readOnly ? NextStep.READ_ONLY
				: !consents.outstanding(record.id()).isEmpty() ? NextStep.CONSENT
				: !record.intakeCompleted() ? NextStep.INTAKE
				: record.openRedFlags() > 0 ? NextStep.URGENT
				: record.careTeam() == null ? NextStep.WAIT_FOR_CARE_TEAM
				: NextStep.PLAN;

		model.addAttribute("patient", record);
		var plan = plans.of(record.id()).orElse(null);
		model.addAttribute("plan", plan);
		// the week's goal and streak, or a welcome back: only while there is a plan to follow
		model.addAttribute("habit", next == NextStep.PLAN && plan != null && plan.daysPerWeek() > 0
				? habits.of(record.id(), ZoneId.of(record.timeZone())) : null);
		model.addAttribute("next", next.name());
		model.addAttribute("intakeStep", intakes.draft(record.id()).nextStep());
		model.addAttribute("coverage", coverageNotes.of(record, LocaleContextHolder.getLocale()).orElse(null));
		model.addAttribute("readOnly", readOnly);
		model.addAttribute("upcomingVisits", upcomingVisits(record));
		// today's lesson beside today's session: shown (and so fixed for the day) only when there is a session to do
		model.addAttribute("lesson", next == NextStep.PLAN
				? lessons.today(record.id(), LocaleContextHolder.getLocale()).orElse(null) : null);
		// a mood check-in once the intake is done (nothing is due before, nor on a read-only portal)
		model.addAttribute("checkInDue", next != NextStep.URGENT && !screenings.due(record.id()).isEmpty());
		model.addAttribute("crisisLines", !screenings.open(record.id()).isEmpty());
		if (readOnly) {
			var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(LocaleContextHolder.getLocale())
					.withZone(ZoneId.of(record.timeZone()));
			model.addAttribute("endedOn", episodes.current(record.id()).map(Episode::closedAt).map(day::format).orElse(null));
			var clinic = CurrentTenant.get().flatMap(clinics::find);
			model.addAttribute("supportPhone", clinic.flatMap(Clinic::supportPhone).orElse(null));
			model.addAttribute("supportEmail", clinic.flatMap(Clinic::supportEmail).orElse(null));
		}
		return "app/portal";
	}

	/** How many of the patient's next booked visits the home shows; the visits page has them all. */
	static final int UPCOMING = 3;

	/** A booked visit to come, in the patient's zone and language, with its video room's address once it is open. */
	record UpcomingVisit(String when, String kind, String clinician, @Nullable String room) {}

	private List<UpcomingVisit> upcomingVisits(PatientRecord record) {
		var locale = LocaleContextHolder.getLocale();
		var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
				.withZone(ZoneId.of(record.timeZone()));
		var now = clock.instant();
		return visits.ofPatient(record.id()).stream().filter(it -> it.isBooked() && it.endsAt().isAfter(now))
				.sorted(Comparator.comparing(Visit::startsAt)).limit(UPCOMING)
				.map(it -> new UpcomingVisit(when.format(it.startsAt()),
						visitTypes.find(it.type()).map(type -> type.name(messages, locale)).orElse(it.type()),
						hosts.find(it.clinicianId()).map(Host::displayName).orElse(""),
						Visits.roomOpen(it, now) ? "/visits/" + it.id() + "/room" : null))
				.toList();
	}

	/**
	 * One line of "who viewed my record": when, who (by name where the clinic knows them), as what,
	 * and what they saw (the audit trail's kind of view, e.g. {@code caseload} for a list that showed the patient).
	 * {@code as} and {@code what} are the codes the page turns into words ({@code app.role.*},
	 * {@code app.access-log.saw.*}).
	 */
	record Viewing(String when, String who, String as, String what) {}

	@GetMapping("/portal/access-log")
	String accessLog(Model model) {

		var record = mine();
		var me = CurrentUser.require().username();
		var zone = ZoneId.of(record.timeZone());
		var format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(LocaleContextHolder.getLocale());

		model.addAttribute("viewings", audit.aboutPatient(record.id().id(), 200).stream()
				.filter(it -> it.action() == AuditAction.READ && it.outcome() == AuditOutcome.SUCCESS)
				.filter(it -> it.actorUsername() != null && !it.actorUsername().equals(me))
				.map(it -> new Viewing(format.format(it.occurredAt().atZone(zone)), nameOf(it.actorUsername()),
						Role.ofRealmRole(String.valueOf(it.actorRole())).map(PortalController::describe).orElse("staff"),
						seen(it.resource())))
				.toList());
		return "app/access-log";
	}

	private String nameOf(String username) {
		return clinicians.findByUsername(username).map(ClinicianSummary::displayName).orElse(username);
	}

	private static String describe(Role role) {
		return switch (role) {
			case THERAPIST -> "therapist";
			case COACH -> "coach";
			case CLINIC_ADMIN -> "clinic-admin";
			default -> "staff";
		};
	}

	/** The kinds of view the page has words for; any other is shown as the record itself. */
	private static final Set<String> SEEN = Set.of("caseload", "inbox", "threads", "assignment-queue", "messages",
			"schedule");

	private static String seen(@Nullable String resource) {
		return resource != null && SEEN.contains(resource) ? resource : "record";
	}

	private PatientRecord mine() {
		return directory.mine(CurrentUser.require()).orElseThrow(
				() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no patient record for this account."));
	}

	private @Nullable String clinicName() {
		return CurrentTenant.get().flatMap(clinics::find).map(it -> it.name()).orElse(null);
	}
}
