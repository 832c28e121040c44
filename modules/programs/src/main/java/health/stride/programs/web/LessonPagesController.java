package health.stride.programs.web;

import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.security.CurrentUser;
import health.stride.programs.Lessons;

/**
 * The patient's lessons: their plan's in order with what they have read, the rest of the clinic's
 * library, and one lesson to read (opening it records that it was read). Today's lesson over the API
 * for an app.
 */
@Controller
@PreAuthorize("hasRole('PATIENT')")
class LessonPagesController {

	private final Lessons lessons;
	private final PatientDirectory patients;
	private final MessageSource messages;

	LessonPagesController(Lessons lessons, PatientDirectory patients, MessageSource messages) {
		this.lessons = lessons;
		this.patients = patients;
		this.messages = messages;
	}

	/** Today's lesson as an app shows it; {@code lessonId} is the lesson's slug. */
	record TodayJson(String lessonId, String title, String takeaway, int minutes) {}

	@GetMapping("/api/me/lessons/today")
	@ResponseBody
	ResponseEntity<TodayJson> today(Locale locale) {
		return me().flatMap(it -> lessons.today(it, locale))
				.map(it -> ResponseEntity.ok(new TodayJson(it.slug(), it.title(), it.takeaway(), it.minutes())))
				.orElseGet(() -> ResponseEntity.noContent().build());
	}

	@GetMapping("/portal/lessons")
	String lessons(Model model, Locale locale) {
		var me = me();
		var progress = me.map(it -> lessons.progress(it, locale)).orElse(java.util.List.of());
		var planned = progress.stream().map(it -> it.lesson().slug()).toList();
		model.addAttribute("today", me.flatMap(it -> lessons.today(it, locale)).orElse(null));
		model.addAttribute("progress", progress);
		model.addAttribute("others", lessons.library(locale).stream().filter(it -> !planned.contains(it.slug())).toList());
		return "programs/my-lessons";
	}

	@GetMapping("/portal/lessons/{slug}")
	String lesson(@PathVariable String slug, Model model, Locale locale) {
		var lesson = lessons.find(slug, locale).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
				messages.getMessage("programs.lessons.no-such-lesson", null, locale)));
		// a read-only portal (discharged, cover ended) may read every lesson; there is no plan left to track
		me().filter(it -> patients.portalAccess(it).isOpen()).ifPresent(it -> lessons.read(it, lesson.slug()));
		model.addAttribute("lesson", lesson);
		model.addAttribute("back", "/portal/lessons");
		model.addAttribute("staff", false);
		return "programs/lesson";
	}

	private Optional<PatientId> me() {
		return patients.findByUsername(CurrentUser.require().username()).map(it -> it.id());
	}
}
