package health.stride.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Words kept as a message code of the bundles with its arguments, so they are put in the reader's
 * language when shown, not when written: a plan version's description, a dosing. An argument is a
 * number, a text (an exercise's or a phase's name) or another phrase; the parts, if any, are put in
 * words, joined by commas and given as the last argument ("Glute Bridge: sets 2 → 3, reps 10 → 12").
 */
public record Phrase(String code, List<Object> arguments, List<Phrase> parts) {

	public Phrase {
		arguments = List.copyOf(arguments);
		parts = List.copyOf(parts);
	}

	public static Phrase of(String code, Object... arguments) {
		return new Phrase(code, List.of(arguments), List.of());
	}

	public Phrase withParts(List<Phrase> parts) {
		return new Phrase(code, arguments, parts);
	}

	/** The phrase in the locale's words. */
	public String in(MessageSource messages, Locale locale) {
		var resolved = new ArrayList<Object>();
		for (var argument : arguments) {
			resolved.add(argument instanceof Phrase phrase ? phrase.in(messages, locale) : argument);
		}
		if (!parts.isEmpty()) {
			resolved.add(String.join(", ", parts.stream().map(it -> it.in(messages, locale)).toList()));
		}
		return messages.getMessage(code, resolved.toArray(), code, locale);
	}

	/** Several phrases in words, joined by semicolons. */
	public static String in(List<Phrase> phrases, MessageSource messages, Locale locale) {
		return String.join("; ", phrases.stream().map(it -> it.in(messages, locale)).toList());
	}

	/** As kept in a JSON column. */
	public JsonNode toJson() {
		var node = JsonNodeFactory.instance.objectNode();
		node.put("code", code);
		var args = node.putArray("arguments");
		for (var argument : arguments) {
			switch (argument) {
				case Phrase phrase -> args.add(phrase.toJson());
				case Integer number -> args.add(number);
				case Long number -> args.add(number);
				default -> args.add(String.valueOf(argument));
			}
		}
		var list = node.putArray("parts");
		parts.forEach(part -> list.add(part.toJson()));
		return node;
	}

	public static Phrase fromJson(JsonNode node) {
		var arguments = new ArrayList<Object>();
		for (var argument : node.path("arguments")) {
			if (argument instanceof ObjectNode) {
				arguments.add(fromJson(argument));
			} else if (argument.isIntegralNumber()) {
				arguments.add(argument.canConvertToInt() ? (Object) argument.intValue() : (Object) argument.longValue());
			} else {
				arguments.add(argument.asString());
			}
		}
		var parts = new ArrayList<Phrase>();
		node.path("parts").forEach(part -> parts.add(fromJson(part)));
		return new Phrase(node.path("code").asString(), arguments, parts);
	}
}
