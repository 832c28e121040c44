package health.stride.visits.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.patients.PatientDirectory;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.VisitId;
import health.stride.visits.VisitNote;
import health.stride.visits.VisitNotes;
import health.stride.visits.Visits;

/**
 * The clinician's note of a visit: the draft form, the signed note with its addenda and the addendum
 * form. The body is one fragment ({@code visits/note :: panel}) that htmx swaps in place, so the same
 * panel sits on its own page and beside the video in the room; without htmx every POST redirects
 * back to the page. Only the visit's own clinician reaches it: for anyone else the visit does not exist.
 */
@Controller
class VisitNoteController {

	static final String PAGE = "visits/note";
	static final String PANEL = "visits/note :: panel";

	private final VisitNotes notes;
	private final Visits visits;
	private final Hosts hosts;
	private final VisitViews views;
	private final PatientDirectory patients;
	private final MessageSource messages;

	VisitNoteController(VisitNotes notes, Visits visits, Hosts hosts, VisitViews views, PatientDirectory patients,
			MessageSource messages) {
		this.notes = notes;
		this.visits = visits;
		this.hosts = hosts;
		this.views = views;
		this.patients = patients;
		this.messages = messages;
	}

	/** The addendum as typed. */
	record AddendumForm(@Nullable String body) {}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "visitId");
	}

	/** A visit that is not the reader's own is a 404 page, as if it did not exist. */
	private static String found(java.util.function.Supplier<String> page) {
		try {
			return page.get();
		} catch (Visits.NotFound notFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such visit.");
		}
	}

	@GetMapping("/visits/{visitId}/note")
	@PreAuthorize("hasAnyRole('THERAPIST','COACH')")
	String show(@PathVariable UUID visitId, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			Model model) {
		var id = new VisitId(visitId);
		return found(() -> {
			try {
				var note = notes.write(CurrentUser.require(), id);
				return panel(model, id, note, VisitNoteForm.of(note), null, htmx);
			} catch (InvalidInput closed) {
				model.addAttribute("closed", views.firstProblem(closed));
				return panel(model, id, null, null, null, htmx);
			}
		});
	}

	@PostMapping("/visits/{visitId}/note")
	@PreAuthorize("hasAnyRole('THERAPIST','COACH')")
	String save(@PathVariable UUID visitId, @ModelAttribute("form") VisitNoteForm form, BindingResult result,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect) {
		return found(() -> change(visitId, form, result, false, htmx, model, redirect));
	}

	@PostMapping("/visits/{visitId}/note/sign")
	@PreAuthorize("hasAnyRole('THERAPIST','COACH')")
	String sign(@PathVariable UUID visitId, @ModelAttribute("form") VisitNoteForm form, BindingResult result,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect) {
		return found(() -> change(visitId, form, result, true, htmx, model, redirect));
	}

	@PostMapping("/visits/{visitId}/note/addenda")
	@PreAuthorize("hasAnyRole('THERAPIST','COACH')")
	String addendum(@PathVariable UUID visitId, @ModelAttribute("addendum") AddendumForm form, BindingResult result,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model,
			RedirectAttributes redirect) {
		var id = new VisitId(visitId);
		var user = CurrentUser.require();
		return found(() -> {
			try {
				var note = notes.addAddendum(user, id, form.body() == null ? "" : form.body());
				return done(id, note, "visits.note.addendum.added", htmx, model, redirect);
			} catch (InvalidInput invalid) {
				invalid.copyTo(result);
				var note = reload(user, id, model);
				return panel(model, id, note, note == null ? null : VisitNoteForm.of(note), problem(invalid), htmx);
			}
		});
	}

	private String change(UUID visitId, VisitNoteForm form, BindingResult result, boolean signing,
			@Nullable String htmx, Model model, RedirectAttributes redirect) {
		var id = new VisitId(visitId);
		var user = CurrentUser.require();
		var errors = new FieldErrors();
		var minutes = form.minutes(errors);
		try {
			errors.throwIfAny();
			var note = signing ? notes.sign(user, id, form.sections(), minutes, form.expectedVersion())
					: notes.saveDraft(user, id, form.sections(), minutes, form.expectedVersion());
			return done(id, note, signing ? "visits.note.signed" : "visits.note.saved", htmx, model, redirect);
		} catch (InvalidInput invalid) {
			invalid.copyTo(result);
			var note = reload(user, id, model);
			return panel(model, id, note, form, problem(invalid), htmx);
		} catch (VisitNotes.StaleVersion stale) {
			// nothing is lost: the form keeps what was typed, now at the stored version, and says so
			var note = reload(user, id, model);
			var message = note != null && note.signed() ? text("visits.note.stale-signed")
					: text("visits.note.stale", note == null ? "0" : String.valueOf(note.version()));
			return panel(model, id, note, note == null ? null : form.withVersion(note.version()), message, htmx);
		}
	}

	/** The note as stored (or new), or none when the visit takes no note now (the page says why). */
	private @Nullable VisitNote reload(health.stride.platform.security.StrideUser user, VisitId id, Model model) {
		try {
			return notes.write(user, id);
		} catch (InvalidInput closed) {
			model.addAttribute("closed", views.firstProblem(closed));
			return null;
		}
	}

	/** After a change: the panel again under htmx, else back to the page (Post/Redirect/Get). */
	private String done(VisitId id, VisitNote note, String code, @Nullable String htmx, Model model,
			RedirectAttributes redirect) {
		if (htmx != null) {
			return panel(model, id, note, VisitNoteForm.of(note), text(code), htmx);
		}
		redirect.addFlashAttribute("flash", text(code));
		return "redirect:/visits/" + id.id() + "/note";
	}

	private String panel(Model model, VisitId id, @Nullable VisitNote note, @Nullable VisitNoteForm form,
			@Nullable String status, @Nullable String htmx) {
		var user = CurrentUser.require();
		var visit = visits.find(user, id).orElseThrow(Visits.NotFound::new);
		var host = hosts.find(visit.clinicianId());
		var zone = host.map(Host::zone).orElse(java.time.ZoneId.of("UTC"));
		var locale = LocaleContextHolder.getLocale();
		var when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
				.withZone(zone);
		model.addAttribute("visitId", id.id().toString());
		model.addAttribute("when", when.format(visit.startsAt()));
		model.addAttribute("kind", views.kindName(visit.type()));
		model.addAttribute("patientId", visit.patient().toString());
		model.addAttribute("patientName",
				patients.find(visit.patient()).map(it -> it.firstName() + " " + it.lastName()).orElse(""));
		model.addAttribute("note", note);
		if (form != null) {
			model.addAttribute("form", form);
		}
		if (!model.containsAttribute("addendum")) {
			model.addAttribute("addendum", new AddendumForm(""));
		}
		model.addAttribute("status", status);
		if (note != null) {
			var signed = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
					.withZone(zone);
			model.addAttribute("signedAt", note.signedAt() == null ? null : signed.format(note.signedAt()));
			model.addAttribute("addenda", note.addenda().stream()
					.map(it -> new Shown(it.body(), it.signedBy(), signed.format(it.signedAt()))).toList());
		}
		model.addAttribute("maxSection", VisitNotes.MAX_SECTION);
		model.addAttribute("maxAddendum", VisitNotes.MAX_ADDENDUM);
		model.addAttribute("maxMinutes", VisitNotes.MAX_MINUTES);
		return htmx != null ? PANEL : PAGE;
	}

	/** An addendum as the page shows it. */
	record Shown(String body, String signedBy, String signedAt) {}

	/** What the panel says above the form when the input was refused. */
	private String problem(InvalidInput invalid) {
		var form = invalid.problems().get(FieldErrors.FORM);
		return form != null ? views.text(form) : text("visits.note.not-saved");
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}
}
