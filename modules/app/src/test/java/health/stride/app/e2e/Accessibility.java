package health.stride.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.core.io.ClassPathResource;

/**
 * Runs axe-core in the page the browser shows, with the WCAG 2.0 and 2.1 A and AA rules. Every rule runs
 * on every element; only the violations are reported in full (axe's {@code resultTypes}: passes and the
 * rest are cut to one element each, which saves axe describing every element that passed).
 */
final class Accessibility {

	private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

	private Accessibility() {}

	/** The rules the page breaks, each with the elements that break it; empty when it passes. */
	@SuppressWarnings("unchecked")
	static List<String> violations(WebDriver browser) {

		var script = (JavascriptExecutor) browser;
		script.executeScript(source());
		return (List<String>) script.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
				                    resultTypes: ['violations'] })
				   .then(result => done(result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
				   .catch(error => done(['axe failed: ' + error]));""");
	}

	private static @org.jspecify.annotations.Nullable String source;

	/** axe-core's script, read once. */
	private static synchronized String source() {
		if (source == null) {
			try {
				source = new ClassPathResource(AXE).getContentAsString(StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return source;
	}
}
