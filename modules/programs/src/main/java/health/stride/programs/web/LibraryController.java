package health.stride.programs.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import health.stride.programs.Dosing;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;

/** The exercise library for the clinic's staff: a searchable page, one page per exercise, and the API. */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH', 'CLINIC_ADMIN')")
class LibraryController {

	private final ExerciseLibrary library;

	LibraryController(ExerciseLibrary library) {
		this.library = library;
	}

	@GetMapping("/library")
	String library(@RequestParam(required = false) @Nullable String region,
			@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String q,
			Model model) {
		var filter = new ExerciseLibrary.Filter(region, tag, q);
		model.addAttribute("exercises", library.search(filter));
		model.addAttribute("regions", library.regions());
		model.addAttribute("tags", library.tags());
		model.addAttribute("filter", filter);
		return "programs/library";
	}

	@GetMapping("/library/{slug}")
	String exercise(@PathVariable String slug, Model model) {
		var exercise = library.find(slug)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such exercise."));
		model.addAttribute("exercise", exercise);
		model.addAttribute("easier", exercise.regression() == null ? null : library.find(exercise.regression()).orElse(null));
		model.addAttribute("harder", exercise.progression() == null ? null : library.find(exercise.progression()).orElse(null));
		return "programs/exercise";
	}

	record DosingJson(int sets, @Nullable Integer reps, @Nullable Integer durationSeconds, @Nullable Integer holdSeconds,
			String side, int timesPerDay, int daysPerWeek, int restSeconds) {

		static DosingJson of(Dosing dosing) {
			return new DosingJson(dosing.sets(), dosing.reps(), dosing.durationSeconds(), dosing.holdSeconds(),
					dosing.side().name(), dosing.timesPerDay(), dosing.daysPerWeek(), dosing.restSeconds());
		}
	}

	record ExerciseJson(String slug, String name, String region, String position, String equipment, String kind,
			DosingJson dosing, List<String> steps, List<String> safety, List<String> tags, @Nullable String regression,
			@Nullable String progression) {

		static ExerciseJson of(Exercise exercise) {
			return new ExerciseJson(exercise.slug(), exercise.name(), exercise.region(), exercise.position(),
					exercise.equipment(), exercise.kind(), DosingJson.of(exercise.dosing()), exercise.steps(),
					exercise.safety(), exercise.tags().stream().sorted().toList(), exercise.regression(),
					exercise.progression());
		}
	}

	@GetMapping("/api/exercises")
	@ResponseBody
	List<ExerciseJson> exercises(@RequestParam(required = false) @Nullable String region,
			@RequestParam(required = false) @Nullable String tag, @RequestParam(required = false) @Nullable String q) {
		return library.search(new ExerciseLibrary.Filter(region, tag, q)).stream().map(ExerciseJson::of).toList();
	}
}
