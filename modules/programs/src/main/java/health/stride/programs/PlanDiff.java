package health.stride.programs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What changed between two versions of a phase, as phrases a therapist reads on the chart in their
 * language: "Glute Bridge: reps 10 → 12; removed Prone Press Up; added Clamshell 2×12 each side".
 */
final class PlanDiff {

	private PlanDiff() {}

	/** The changes one by one: additions and changed dosing in the new order, then removals, then a new order. */
	static List<Phrase> changes(List<ProgramTemplate.Prescribed> before, List<ProgramTemplate.Prescribed> after,
			Function<String, String> names) {

		var changes = new ArrayList<Phrase>();
		var old = new LinkedHashMap<String, Dosing>();
		before.forEach(it -> old.put(it.slug(), it.dosing()));
		var now = new LinkedHashMap<String, Dosing>();
		after.forEach(it -> now.put(it.slug(), it.dosing()));

		for (var entry : now.entrySet()) {
			var previous = old.get(entry.getKey());
			var name = names.apply(entry.getKey());
			if (previous == null) {
				changes.add(Phrase.of("programs.plan.change.added", name, entry.getValue().words()));
			} else if (!previous.equals(entry.getValue())) {
				changes.add(Phrase.of("programs.plan.change.dosing", name).withParts(fields(previous, entry.getValue())));
			}
		}
		for (var slug : old.keySet()) {
			if (!now.containsKey(slug)) {
				changes.add(Phrase.of("programs.plan.change.removed", names.apply(slug)));
			}
		}
		var kept = now.keySet().stream().filter(old::containsKey).toList();
		var keptBefore = old.keySet().stream().filter(now::containsKey).toList();
		if (!kept.equals(keptBefore)) {
			changes.add(Phrase.of("programs.plan.change.new-order"));
		}
		return changes;
	}

	private static List<Phrase> fields(Dosing before, Dosing after) {
		var changed = new ArrayList<Phrase>();
		change(changed, "sets", before.sets(), after.sets());
		change(changed, "reps", before.reps(), after.reps());
		change(changed, "seconds", before.durationSeconds(), after.durationSeconds());
		change(changed, "hold", before.holdSeconds(), after.holdSeconds());
		if (before.side() != after.side()) {
			changed.add(Phrase.of("programs.plan.change.field.side", Phrase.of("programs.dosing.side." + before.side()),
					Phrase.of("programs.dosing.side." + after.side())));
		}
		change(changed, "times-per-day", before.timesPerDay(), after.timesPerDay());
		change(changed, "days-per-week", before.daysPerWeek(), after.daysPerWeek());
		change(changed, "rest", before.restSeconds(), after.restSeconds());
		if (!Objects.equals(before.note(), after.note())) {
			changed.add(Phrase.of(after.note() == null ? "programs.plan.change.note-removed" : "programs.plan.change.new-note"));
		}
		return changed;
	}

	private static void change(List<Phrase> changes, String what, @Nullable Integer before, @Nullable Integer after) {
		if (!Objects.equals(before, after)) {
			changes.add(Phrase.of("programs.plan.change.field." + what, value(before), value(after)));
		}
	}

	private static Object value(@Nullable Integer value) {
		return value == null ? Phrase.of("programs.plan.change.none") : String.valueOf(value);
	}
}
