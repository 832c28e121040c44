package health.stride;

import static org.assertj.core.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.attoparser.AbstractMarkupHandler;
import org.attoparser.MarkupParser;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every word a person reads or hears on a page comes from a message bundle: a template may hold
 * punctuation, symbols and numbers, but no letter in its text (outside scripts and styles) nor in
 * the attributes read aloud or shown ({@code title}, {@code placeholder}, {@code aria-label},
 * {@code alt}, an input button's {@code value}, a description's {@code content}). {@code th:*} attributes
 * are where the words come in, so they are not read. Parsed with Thymeleaf's own parser.
 */
class TemplateWordsTests {

	static final List<String> MODULES = Words.MODULES;

	private static final Pattern LETTER = Pattern.compile("\\p{L}");

	private static final Set<String> READ_ATTRIBUTES = Set.of("title", "placeholder", "aria-label", "alt");

	@ParameterizedTest
	@FieldSource("MODULES")
	void templatesHoldNoWordsOutsideTheMessageBundles(String module) throws ParseException {

		var templates = Words.templates(module);
		var words = new ArrayList<String>();
		for (var template : templates) {
			words.addAll(wordsIn(template.name(), template.html()));
		}

		assertThat(words).as("%s: %d literal words in %d templates", module, words.size(), templates.size()).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void findsWordsInTextAndInWhatIsReadAloudButNotInScriptsOrThymeleafAttributes() throws ParseException {

		var words = wordsIn("sample.html", """
				<html><head><title>Home</title><style>p { font-family: serif; }</style>
				<meta name="description" content="A page"><meta name="viewport" content="width=device-width"></head>
				<body><p th:text="#{k}"></p> <p>– 3 ·</p>
				<img src="x.png" alt="A dog"><input type="submit" value="Send"><input type="hidden" name="n" value="kept">
				<button value="yes" th:title="#{k}" aria-label="Close">×</button>
				<script>const words = 'not for people';</script></body></html>
				""");

		assertThat(words).containsExactly("sample.html:1: text \"Home\"", "sample.html:2: <meta content=\"A page\">",
				"sample.html:4: <img alt=\"A dog\">", "sample.html:4: <input value=\"Send\">",
				"sample.html:5: <button aria-label=\"Close\">");
	}

	/** Each literal word as {@code file:line: text}. */
	static List<String> wordsIn(String file, String html) throws ParseException {
		var handler = new WordFinder(file);
		new MarkupParser(ParseConfiguration.htmlConfiguration()).parse(html, handler);
		return handler.found;
	}

	private static final class WordFinder extends AbstractMarkupHandler {

		final String file;
		final List<String> found = new ArrayList<>();

		private int insideScriptOrStyle;
		private String element = "";
		private int elementLine;
		private final Map<String, String> attributes = new HashMap<>();
		private final Map<String, Integer> attributeLines = new HashMap<>();

		WordFinder(String file) {
			this.file = file;
		}

		@Override
		public void handleText(char[] buffer, int offset, int length, int line, int col) {
			var text = new String(buffer, offset, length);
			if (insideScriptOrStyle == 0 && LETTER.matcher(text).find()) {
				found.add(file + ":" + line + ": text \"" + text.strip() + "\"");
			}
		}

		@Override
		public void handleOpenElementStart(char[] buffer, int offset, int length, int line, int col) {
			start(new String(buffer, offset, length), line);
		}

		@Override
		public void handleStandaloneElementStart(char[] buffer, int offset, int length, boolean minimized, int line,
				int col) {
			start(new String(buffer, offset, length), line);
		}

		@Override
		public void handleOpenElementEnd(char[] buffer, int offset, int length, int line, int col) {
			end();
			if (element.equals("script") || element.equals("style")) {
				insideScriptOrStyle++;
			}
		}

		@Override
		public void handleStandaloneElementEnd(char[] buffer, int offset, int length, boolean minimized, int line,
				int col) {
			end();
		}

		@Override
		public void handleCloseElementStart(char[] buffer, int offset, int length, int line, int col) {
			var name = new String(buffer, offset, length).toLowerCase(Locale.ROOT);
			if ((name.equals("script") || name.equals("style")) && insideScriptOrStyle > 0) {
				insideScriptOrStyle--;
			}
		}

		@Override
		public void handleAttribute(char[] buffer, int nameOffset, int nameLength, int nameLine, int nameCol,
				int operatorOffset, int operatorLength, int operatorLine, int operatorCol, int valueContentOffset,
				int valueContentLength, int valueOuterOffset, int valueOuterLength, int valueLine, int valueCol) {
			var name = new String(buffer, nameOffset, nameLength).toLowerCase(Locale.ROOT);
			attributes.put(name, new String(buffer, valueContentOffset, valueContentLength));
			attributeLines.put(name, nameLine);
		}

		private void start(String name, int line) {
			element = name.toLowerCase(Locale.ROOT);
			elementLine = line;
			attributes.clear();
			attributeLines.clear();
		}

		/** The element's attributes are all known: judge those a person reads or hears. */
		private void end() {
			for (var attribute : attributes.entrySet()) {
				if (isRead(attribute.getKey()) && LETTER.matcher(attribute.getValue()).find()) {
					found.add(file + ":" + attributeLines.getOrDefault(attribute.getKey(), elementLine) + ": <" + element
							+ " " + attribute.getKey() + "=\"" + attribute.getValue() + "\">");
				}
			}
		}

		private boolean isRead(String attribute) {
			if (READ_ATTRIBUTES.contains(attribute)) {
				return true;
			}
			if (attribute.equals("value")) {
				var type = attributes.getOrDefault("type", "").toLowerCase(Locale.ROOT);
				// a <button>'s value is only what its form sends; an input button shows its value as its label
				return element.equals("input") && (type.equals("submit") || type.equals("button") || type.equals("reset"));
			}
			return attribute.equals("content") && element.equals("meta")
					&& "description".equalsIgnoreCase(attributes.get("name"));
		}
	}
}
