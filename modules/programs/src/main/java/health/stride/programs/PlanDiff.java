package health.stride.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What changed between two versions of a phase, in words a therapist reads on the chart:
 * "Glute Bridge: reps 10 → 12; removed Prone Press Up; added Clamshell 2×12 each side".
 */
public final class PlanDiff {

	private PlanDiff() {}

	public static String between(List<ProgramTemplate.Prescribed> before, List<ProgramTemplate.Prescribed> after,
			Function<String, String> names) {
		return String.join("; ", changes(before, after, names));
	}

	/** The changes one by one: additions and changed dosing in the new order, then removals, then a new order. */
	public static List<String> changes(List<ProgramTemplate.Prescribed> before, List<ProgramTemplate.Prescribed> after,
			Function<String, String> names) {

		var changes = new ArrayList<String>();
		var old = new java.util.LinkedHashMap<String, Dosing>();
		before.forEach(it -> old.put(it.slug(), it.dosing()));
		var now = new java.util.LinkedHashMap<String, Dosing>();
		after.forEach(it -> now.put(it.slug(), it.dosing()));

		for (var entry : now.entrySet()) {
			var previous = old.get(entry.getKey());
			var name = names.apply(entry.getKey());
			if (previous == null) {
				changes.add("added " + name + " " + entry.getValue().summary());
			} else if (!previous.equals(entry.getValue())) {
				changes.add(name + ": " + String.join(", ", fields(previous, entry.getValue())));
			}
		}
		for (var slug : old.keySet()) {
			if (!now.containsKey(slug)) {
				changes.add("removed " + names.apply(slug));
			}
		}
		var kept = now.keySet().stream().filter(old::containsKey).toList();
		var keptBefore = old.keySet().stream().filter(now::containsKey).toList();
		if (!kept.equals(keptBefore)) {
			changes.add("new order");
		}
		return changes;
	}

	private static List<String> fields(Dosing before, Dosing after) {
		var changed = new ArrayList<String>();
		change(changed, "sets", before.sets(), after.sets());
		change(changed, "reps", before.reps(), after.reps());
		change(changed, "seconds", before.durationSeconds(), after.durationSeconds());
		change(changed, "hold", before.holdSeconds(), after.holdSeconds());
		change(changed, "side", before.side(), after.side());
		change(changed, "times a day", before.timesPerDay(), after.timesPerDay());
		change(changed, "days a week", before.daysPerWeek(), after.daysPerWeek());
		change(changed, "rest", before.restSeconds(), after.restSeconds());
		if (!Objects.equals(before.note(), after.note())) {
			changed.add(after.note() == null ? "note removed" : "new note");
		}
		return changed;
	}

	private static void change(List<String> changes, String what, @Nullable Object before, @Nullable Object after) {
		if (!Objects.equals(before, after)) {
			changes.add(what + " " + (before == null ? "none" : before) + " → " + (after == null ? "none" : after));
		}
	}
}
