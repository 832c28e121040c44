package health.stride.programs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.patients.PainDuration;
import health.stride.patients.PatientId;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Phrase;

/**
 * The tailoring rules: what the patient's intake says about exercises that may not suit them, the
 * warnings on a phase's exercises, and the alternatives to suggest. The therapist decides; nothing
 * here changes a plan.
 */
@Service
@Transactional(readOnly = true)
public class Tailoring {

	/**
	 * Why an exercise may not suit a patient: what flags an exercise (its position, or a tag), and the
	 * tag alternatives are preferred by. Its words are in the bundles:
	 * {@code programs.tailoring.caution.<NAME>.label} (the intake fact, as the therapist reads it) and
	 * {@code .reason} (why it matters for the exercise).
	 */
	public enum Caution {

		/** Lying face down hurts: every exercise done lying face down, whatever its tags say. */
		PRONE_INTOLERANT(Exercise::liesFaceDown, "extension-bias"),
		EXTENSION_INTOLERANT(it -> it.tagged("extension-bias"), "flexion-bias"),
		FLEXION_TRIGGERED(it -> it.tagged("flexion-bias"), "neutral-spine"),
		/**
		 * The pain may have started less than {@value Tailoring#EARLY_WEEKS} weeks ago: every exercise done
		 * hanging from a bar, which most people with a disc injury cannot do in the first 8 to 12 weeks.
		 */
		FIRST_WEEKS(Exercise::hangs, "flare-safe");

		private final java.util.function.Predicate<Exercise> flags;
		private final String prefers;

		Caution(java.util.function.Predicate<Exercise> flags, String prefers) {
			this.flags = flags;
			this.prefers = prefers;
		}

		/** The intake fact, as the therapist reads it. */
		public Phrase label() {
			return Phrase.of("programs.tailoring.caution." + name() + ".label");
		}

		/** What the exercise does that the fact warns about. */
		public Phrase reason() {
			return Phrase.of("programs.tailoring.caution." + name() + ".reason");
		}

		/** Whether the fact warns about the exercise. */
		public boolean flags(Exercise exercise) {
			return flags.test(exercise);
		}

		public String prefers() {
			return prefers;
		}
	}

	/**
	 * What the patient's intake said, as far as exercises go, and whether they have spinal stenosis
	 * (their plan then says how to walk with it).
	 */
	public record Facts(Set<Caution> cautions, boolean stenosis) {

		public Facts {
			cautions = cautions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(cautions));
		}

		public Facts(Set<Caution> cautions) {
			this(cautions, false);
		}

		public static Facts none() {
			return new Facts(Set.of());
		}

		public static Facts of(boolean proneIntolerant, boolean extensionIntolerant, boolean flexionTriggered) {
			var cautions = EnumSet.noneOf(Caution.class);
			if (proneIntolerant) {
				cautions.add(Caution.PRONE_INTOLERANT);
			}
			if (extensionIntolerant) {
				cautions.add(Caution.EXTENSION_INTOLERANT);
			}
			if (flexionTriggered) {
				cautions.add(Caution.FLEXION_TRIGGERED);
			}
			return new Facts(cautions);
		}

		/** The cautions an exercise conflicts with, in a fixed order. */
		public List<Caution> against(Exercise exercise) {
			return cautions.stream().filter(it -> it.flags(exercise)).sorted().toList();
		}
	}

	/** A warning on one exercise of a phase, with the alternatives to offer in its place. */
	public record Warning(String slug, String name, List<Caution> cautions, List<Exercise> suggestions) {

		/** "Prone Press Up bends the spine backward, and …; it also …" */
		public Phrase text() {
			var arguments = new java.util.ArrayList<Object>();
			arguments.add(name);
			cautions.forEach(it -> arguments.add(it.reason()));
			return new Phrase("programs.tailoring.warning." + cautions.size(), arguments, List.of());
		}
	}

	/** At most this many alternatives are suggested for a flagged exercise. */
	public static final int SUGGESTIONS = 3;

	/**
	 * The end of the first weeks after the pain started in which hanging from a bar is flagged: the
	 * seed's 8 to 12 weeks, taken at its cautious end.
	 */
	public static final int EARLY_WEEKS = 12;

	private final JdbcClient jdbc;
	private final ExerciseLibrary library;
	private final Clock clock;

	Tailoring(JdbcClient jdbc, ExerciseLibrary library, Clock clock) {
		this.jdbc = jdbc;
		this.library = library;
		this.clock = clock;
	}

	/**
	 * The facts of the patient's intake; none before it is complete. Whether the pain is still in its
	 * first weeks is worked out today, from how long it had lasted at the latest intake and when that
	 * was recorded; facts recorded before the intake's duration was kept never say so.
	 */
	public Facts factsOf(PatientId patient) {
		var now = clock.instant();
		return jdbc.sql("""
				select prone_intolerant, extension_intolerant, flexion_triggered, pain_duration,
				    recorded_at, stenosis
				from programs.tailoring_facts where patient_id = ?""")
				.param(patient.id())
				.query((row, number) -> {
					var cautions = EnumSet.noneOf(Caution.class);
					cautions.addAll(Facts.of(row.getBoolean(1), row.getBoolean(2), row.getBoolean(3)).cautions());
					var duration = row.getString(4);
					if (duration != null && weeksSincePainStarted(PainDuration.valueOf(duration),
							row.getTimestamp(5).toInstant(), now) < EARLY_WEEKS) {
						cautions.add(Caution.FIRST_WEEKS);
					}
					return new Facts(cautions, row.getBoolean(6));
				})
				.optional().orElseGet(Facts::none);
	}

	/**
	 * The fewest whole weeks the pain can have lasted by now: the least its duration at intake allows
	 * (acute under 6 weeks, so 0; subacute 6 to 12, so 6; chronic over 12, so 12) plus the whole weeks
	 * since the intake. Cautious on purpose: a patient is taken to be early until they cannot be.
	 */
	static long weeksSincePainStarted(PainDuration atIntake, Instant intake, Instant now) {
		var before = switch (atIntake) {
			case ACUTE -> 0;
			case SUBACUTE -> 6;
			case CHRONIC -> 12;
		};
		return before + Math.max(0, java.time.Duration.between(intake, now).toDays() / 7);
	}

	/** Keeps what the patient's finished intake said; a later intake replaces it. */
	@Transactional
	public void record(PatientId patient, boolean proneIntolerant, boolean extensionIntolerant, boolean flexionTriggered) {
		record(patient, proneIntolerant, extensionIntolerant, flexionTriggered, null);
	}

	/** Keeps what the patient's finished intake said, with the pain they reported then: the baseline of their outcomes. */
	@Transactional
	public void record(PatientId patient, boolean proneIntolerant, boolean extensionIntolerant, boolean flexionTriggered,
			@org.jspecify.annotations.Nullable Integer intakePain) {
		record(patient, proneIntolerant, extensionIntolerant, flexionTriggered, intakePain, null, false);
	}

	/**
	 * Keeps what the patient's finished intake said: the facts, the pain then (the baseline of their
	 * outcomes), how long it had lasted and whether they have spinal stenosis.
	 */
	@Transactional
	public void record(PatientId patient, boolean proneIntolerant, boolean extensionIntolerant, boolean flexionTriggered,
			@org.jspecify.annotations.Nullable Integer intakePain, @org.jspecify.annotations.Nullable PainDuration duration,
			boolean stenosis) {
		var now = java.sql.Timestamp.from(clock.instant());
		jdbc.sql("""
				insert into programs.tailoring_facts (patient_id, prone_intolerant, extension_intolerant,
				    flexion_triggered, recorded_at, intake_pain, intake_completed_at, pain_duration, stenosis)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (tenant_id, patient_id) do update
				set prone_intolerant = excluded.prone_intolerant, extension_intolerant = excluded.extension_intolerant,
				    flexion_triggered = excluded.flexion_triggered, recorded_at = excluded.recorded_at,
				    pain_duration = excluded.pain_duration,
				    stenosis = excluded.stenosis,
				    intake_pain = coalesce(excluded.intake_pain, tailoring_facts.intake_pain),
				    intake_completed_at = coalesce(tailoring_facts.intake_completed_at, excluded.intake_completed_at)""")
				.params(patient.id(), proneIntolerant, extensionIntolerant, flexionTriggered, now, intakePain,
						intakePain == null ? null : now, duration == null ? null : duration.name(), stenosis)
				.update();
	}

	/** The warnings on a phase's exercises, by slug, in the phase's order. */
	public Map<String, Warning> warnings(Facts facts, List<String> phase) {
		return facts.cautions().isEmpty() ? new LinkedHashMap<>() : warnings(facts, phase, library.all());
	}

	/** The rule of {@link #warnings(Facts, List)} over a given library. */
	static Map<String, Warning> warnings(Facts facts, List<String> phase, List<Exercise> all) {

		var warnings = new LinkedHashMap<String, Warning>();
		if (facts.cautions().isEmpty()) {
			return warnings;
		}
		for (var slug : phase) {
			all.stream().filter(it -> it.slug().equals(slug)).findFirst().ifPresent(exercise -> {
				var cautions = facts.against(exercise);
				if (!cautions.isEmpty()) {
					warnings.put(slug, new Warning(slug, exercise.name(), cautions,
							suggestions(exercise, cautions, facts, Set.copyOf(phase), all)));
				}
			});
		}
		return warnings;
	}

	/**
	 * What an exercise of a phase may be swapped for: its easier and harder versions, then the other
	 * exercises of its kind, then those of a similar kind, leaving out those the patient's facts warn about and those in the phase.
	 */
	public List<Exercise> alternatives(String slug, Facts facts, Set<String> inPhase) {
		return alternatives(slug, facts, inPhase, library.all());
	}

	/** The rule of {@link #alternatives(String, Facts, Set)} over a given library. */
	static List<Exercise> alternatives(String slug, Facts facts, Set<String> inPhase, List<Exercise> all) {
		var exercise = all.stream().filter(it -> it.slug().equals(slug)).findFirst();
		if (exercise.isEmpty()) {
			return List.of();
		}
		var flagged = exercise.get();
		return all.stream()
				.filter(it -> !it.slug().equals(slug) && !inPhase.contains(it.slug()))
				.filter(it -> facts.against(it).isEmpty())
				.filter(it -> linked(flagged, it) || similar(flagged, it))
				.sorted(Comparator.comparing((Exercise it) -> !linked(flagged, it))
						.thenComparing(it -> !it.kind().equals(flagged.kind())).thenComparing(Exercise::name))
				.toList();
	}

	private static boolean linked(Exercise exercise, Exercise other) {
		return other.slug().equals(exercise.regression()) || other.slug().equals(exercise.progression());
	}

	/**
	 * Alternatives to a flagged exercise that do not conflict with any of the patient's facts and are
	 * not in the phase already: its easier version first, then exercises of the same kind with the tag
	 * the caution prefers, then others of a similar kind with that tag, then others of the same kind;
	 * within each, those for the same body region and then the gentle ones (tagged flare-safe) first.
	 * Its harder version is never one: what is too much now is not replaced by more.
	 */
	static List<Exercise> suggestions(Exercise flagged, List<Caution> cautions, Facts facts, Set<String> inPhase,
			List<Exercise> library) {

		var preferred = cautions.stream().map(Caution::prefers).toList();
		java.util.function.ToIntFunction<Exercise> rank = candidate -> {
			var prefers = preferred.stream().anyMatch(candidate::tagged);
			var sameKind = candidate.kind().equals(flagged.kind());
			return candidate.slug().equals(flagged.regression()) ? 0 : prefers && sameKind ? 1 : prefers ? 2 : sameKind ? 3 : 4;
		};
		return library.stream()
				.filter(it -> !it.slug().equals(flagged.slug()) && !inPhase.contains(it.slug()))
				.filter(it -> !it.slug().equals(flagged.progression()))
				.filter(it -> facts.against(it).isEmpty())
				.filter(it -> linked(flagged, it) || similar(flagged, it))
				.filter(it -> rank.applyAsInt(it) < 4)
				.sorted(Comparator.comparingInt(rank).thenComparing(it -> !it.region().equals(flagged.region()))
						.thenComparing(it -> !it.tagged("flare-safe")).thenComparing(Exercise::name))
				.limit(SUGGESTIONS)
				.toList();
	}

	/**
	 * Whether one exercise may stand in for another: mobility and stretching are both gentle
	 * movement, strength and stability both build the trunk and legs, cardio stands alone.
	 */
	static boolean similar(Exercise exercise, Exercise other) {
		return group(exercise.kind()).equals(group(other.kind()));
	}

	private static String group(String kind) {
		return switch (kind) {
			case "MOBILITY", "STRETCH" -> "gentle";
			case "STRENGTH", "STABILITY" -> "strength";
			default -> kind;
		};
	}
}
