package health.stride.app.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

import health.stride.app.web.TextInput.Flaw;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Applies {@link TextInput} to every string Jackson reads from a request body: fields, strings in
 * lists and maps, map keys, and the text of ids, dates and numbers before they are parsed (Jackson
 * trims those, so a lone NUL would otherwise pass as an empty value and a date followed by a NUL
 * as the date). Only JSON strings become Java strings, and numbers and booleans must be JSON
 * numbers and booleans: a value of the wrong type is refused, not converted. Spring Boot registers
 * this module with the JSON message converter's mapper; a failure carries Jackson's path, which
 * {@link ApiProblems} turns into a field error.
 */
@Component
class TextInputModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	TextInputModule() {
		super("stride-text-input");
		addDeserializer(String.class, new TextDeserializer());
		addKeyDeserializer(String.class, new TextKeyDeserializer());
		setDeserializerModifier(new CheckTextFirst());
	}

	/** Values read from JSON strings into other scalar types are checked as text first. */
	static final class CheckTextFirst extends ValueDeserializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
				ValueDeserializer<?> deserializer) {
			return deserializer instanceof StdScalarDeserializer<?> && !(deserializer instanceof TextDeserializer)
					? new TextChecked(deserializer) : deserializer;
		}

		@Override
		public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
				BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
			return new TextChecked(deserializer);
		}
	}

	static final class TextChecked extends DelegatingDeserializer {

		TextChecked(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new TextChecked(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				var flaw = TextInput.flawOf(parser.getString());
				if (flaw != null) {
					throw new UnsafeText(parser, flaw);
				}
			}
			return super.deserialize(parser, context);
		}
	}

	/** Turns off Jackson's conversions between strings, numbers and booleans for request bodies. */
	@Component
	static final class NoScalarCoercion implements JsonMapperBuilderCustomizer {

		@Override
		public void customize(JsonMapper.Builder builder) {
			builder.withCoercionConfig(LogicalType.Integer, integer -> integer.setCoercion(CoercionInputShape.String,
					CoercionAction.Fail).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
			builder.withCoercionConfig(LogicalType.Float, decimal -> decimal.setCoercion(CoercionInputShape.String,
					CoercionAction.Fail).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
			builder.withCoercionConfig(LogicalType.Boolean, bool -> bool.setCoercion(CoercionInputShape.String,
					CoercionAction.Fail).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
		}
	}

	/** A string Stride refused; nothing after it is read. */
	static final class UnsafeText extends MismatchedInputException {

		private static final long serialVersionUID = 1L;

		final Flaw flaw;

		UnsafeText(JsonParser parser, Flaw flaw) {
			super(parser, "Refused text: " + flaw.code, String.class);
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
