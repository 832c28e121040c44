package health.stride.programs;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The words a plan version's change is described in, kept as codes and put in the reader's language when shown. */
class PlanDiffTests {

	static final Map<String, String> NAMES = Map.of("glute-bridge", "Glute Bridge", "prone-press-up", "Prone Press Up",
			"clamshell", "Clamshell", "pelvic-tilt", "Pelvic Tilt");

	static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("i18n/programs/messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
		MESSAGES.setAlwaysUseMessageFormat(true);
	}

	static ProgramTemplate.Prescribed line(String slug, int sets, int reps, Side side) {
		return new ProgramTemplate.Prescribed(slug, new Dosing(sets, reps, null, null, side, 1, 7, 30, null));
	}

	static String between(List<ProgramTemplate.Prescribed> before, List<ProgramTemplate.Prescribed> after, Locale locale) {
		return Phrase.in(PlanDiff.changes(before, after, NAMES::get), MESSAGES, locale);
	}

	@Test
	void describesChangedRemovedAndAddedExercises() {

		var before = List.of(line("glute-bridge", 2, 10, Side.BOTH), line("prone-press-up", 1, 10, Side.BOTH));
		var after = List.of(line("glute-bridge", 2, 12, Side.BOTH), line("clamshell", 2, 12, Side.EACH));

		assertThat(between(before, after, Locale.ENGLISH))
				.isEqualTo("Glute Bridge: reps 10 → 12; added Clamshell 2×12 each side; removed Prone Press Up");
		assertThat(between(before, after, Locale.forLanguageTag("es")))
				.isEqualTo("Glute Bridge: repeticiones 10 → 12; se agregó Clamshell 2×12 de cada lado; se quitó Prone Press Up");
	}

	@Test
	void describesSeveralFieldsANoteAndANewOrder() {

		var before = List.of(line("pelvic-tilt", 1, 10, Side.BOTH), line("glute-bridge", 2, 10, Side.BOTH));
		var noted = new ProgramTemplate.Prescribed("pelvic-tilt", new Dosing(2, 10, null, 5, Side.BOTH, 1, 7, 30, "Slowly."));

		assertThat(between(before, List.of(line("glute-bridge", 2, 10, Side.BOTH), noted), Locale.ENGLISH))
				.isEqualTo("Pelvic Tilt: sets 1 → 2, hold none → 5, new note; new order");
		assertThat(between(before, List.of(line("glute-bridge", 2, 10, Side.BOTH), noted), Locale.forLanguageTag("es")))
				.isEqualTo("Pelvic Tilt: series 1 → 2, mantener ninguno → 5, nota nueva; nuevo orden");
	}

	@Test
	void keepsItsCodesThroughJsonAsTheVersionsTableStoresThem() {

		var changes = PlanDiff.changes(List.of(line("glute-bridge", 2, 10, Side.BOTH)),
				List.of(line("clamshell", 2, 12, Side.EACH)), NAMES::get);

		var read = changes.stream().map(it -> Phrase.fromJson(it.toJson())).toList();

		assertThat(read).isEqualTo(changes);
		assertThat(Phrase.in(read, MESSAGES, Locale.ENGLISH)).isEqualTo("added Clamshell 2×12 each side; removed Glute Bridge");
	}

	@Test
	void saysNothingWhenNothingChanged() {
		var same = List.of(line("pelvic-tilt", 1, 10, Side.BOTH));
		assertThat(PlanDiff.changes(same, same, NAMES::get)).isEmpty();
	}
}
