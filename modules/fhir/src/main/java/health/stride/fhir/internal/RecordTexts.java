package health.stride.fhir.internal;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The words Stride itself writes into the record's resources (the displays of its own codes, a licensing
 * board's name, a consent's title) in the reader's language. Codes of other systems keep their own
 * displays, which are English.
 */
@Component
class RecordTexts {

	private final MessageSource messages;

	RecordTexts(MessageSource messages) {
		this.messages = messages;
	}

	String of(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}
}
