package health.stride.app.web;

import org.springframework.stereotype.Component;

import health.stride.app.web.TextInput.Flaw;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies {@link TextInput} to every string Jackson reads from a request body: fields, strings in
 * lists and maps, and map keys. Only JSON strings become Java strings (a number or an object where
 * text belongs is refused, not turned into text). Spring Boot registers this module with the JSON
 * message converter's mapper; the failure carries Jackson's path, which {@link ApiProblems} turns
 * into a field error.
 */
@Component
class TextInputModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	TextInputModule() {
		super("stride-text-input");
		addDeserializer(String.class, new TextDeserializer());
		addKeyDeserializer(String.class, new TextKeyDeserializer());
	}

	/** A string Stride refused; nothing after it is read. */
	static final class UnsafeText extends MismatchedInputException {

		private static final long serialVersionUID = 1L;

		final Flaw flaw;

		UnsafeText(JsonParser parser, Flaw flaw) {
			super(parser, flaw.message, String.class);
			this.flaw = flaw;
		}
	}

	static final class TextDeserializer extends StdScalarDeserializer<String> {

		TextDeserializer() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (String) context.handleUnexpectedToken(String.class, parser);
			}
			var text = parser.getString();
			var flaw = TextInput.flawOf(text);
			if (flaw != null) {
				throw new UnsafeText(parser, flaw);
			}
			return text;
		}
	}

	static final class TextKeyDeserializer extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) {
			var flaw = TextInput.flawOf(key);
			if (flaw != null) {
				throw new UnsafeText(context.getParser(), flaw);
			}
			return key;
		}
	}
}
