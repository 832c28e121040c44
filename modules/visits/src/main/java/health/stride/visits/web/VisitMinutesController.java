package health.stride.visits.web;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import health.stride.platform.security.CurrentUser;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.VisitNotes;

/**
 * The clinic administrator's report of the minutes that count: visits completed with a signed note,
 * per clinician and month of the clinic's time zone, the last {@link #MONTHS} months with totals.
 */
@Controller
class VisitMinutesController {

	static final int MONTHS = 6;

	/** Visits and minutes of one cell. */
	record Count(int visits, long minutes) {

		static final Count NONE = new Count(0, 0);

		Count plus(Count other) {
			return new Count(visits + other.visits, minutes + other.minutes);
		}
	}

	/** One clinician's months, oldest first, and their total. */
	record Line(String clinician, List<Count> months, Count total) {}

	private final VisitNotes notes;
	private final ClinicRegistry clinics;
	private final Clock clock;

	VisitMinutesController(VisitNotes notes, ClinicRegistry clinics, Clock clock) {
		this.notes = notes;
		this.clinics = clinics;
		this.clock = clock;
	}

	@GetMapping("/admin/visit-minutes")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String report(Model model) {
		var zone = clinics.find(CurrentTenant.require()).map(it -> it.timeZone()).orElse(java.time.ZoneId.of("UTC"));
		var last = YearMonth.now(clock.withZone(zone));
		var first = last.minusMonths(MONTHS - 1);
		var months = new ArrayList<YearMonth>();
		for (var month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			months.add(month);
		}
		var byClinician = new LinkedHashMap<UUID, String>();
		var cells = new LinkedHashMap<UUID, LinkedHashMap<YearMonth, Count>>();
		for (var row : notes.minutesByMonth(CurrentUser.require(), zone, first, last)) {
			byClinician.put(row.clinicianId(), row.clinicianName());
			cells.computeIfAbsent(row.clinicianId(), it -> new LinkedHashMap<>()).put(row.month(),
					new Count(row.visits(), row.minutes()));
		}
		var lines = new ArrayList<Line>();
		var totals = new ArrayList<Count>();
		months.forEach(it -> totals.add(Count.NONE));
		var grand = Count.NONE;
		for (var clinician : byClinician.entrySet()) {
			var counts = months.stream().map(it -> cells.get(clinician.getKey()).getOrDefault(it, Count.NONE)).toList();
			var total = counts.stream().reduce(Count.NONE, Count::plus);
			for (int i = 0; i < counts.size(); i++) {
				totals.set(i, totals.get(i).plus(counts.get(i)));
			}
			grand = grand.plus(total);
			lines.add(new Line(clinician.getValue(), counts, total));
		}
		var label = DateTimeFormatter.ofPattern("MMM yyyy", LocaleContextHolder.getLocale());
		model.addAttribute("zone", zone.getId());
		model.addAttribute("months", months.stream().map(label::format).toList());
		model.addAttribute("lines", lines);
		model.addAttribute("totals", totals);
		model.addAttribute("grand", grand);
		model.addAttribute("monthCount", MONTHS);
		return "visits/visit-minutes";
	}
}
