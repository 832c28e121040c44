package health.stride.messaging.web;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Message text is escaped, then only line breaks and web links come back as markup. */
class MessageTextTests {

	@ParameterizedTest
	@ValueSource(strings = { "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
			"javascript:alert(1)", "<a href=\"javascript:alert(1)\">x</a>", "https://evil.example/\"onmouseover=\"alert(1)",
			"https://ok.example/?q=<script>alert(1)</script>", "<iframe src=//evil.example>",
			"&lt;script&gt;alert(1)&lt;/script&gt;", "<style>*{display:none}</style>", "<body onload=alert(1)>",
			"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
			"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "[click](javascript:alert(1))" })
	void leavesNoMarkupButLinksAndLineBreaks(String attack) {
		var html = MessageText.html(attack);
		var tags = html.replaceAll("<a href=\"https?://[^\"<>]*\" rel=\"noopener noreferrer nofollow\">", "")
				.replace("</a>", "").replace("<br>", "");
		assertThat(tags).doesNotContain("<", ">").doesNotContain("\"");
		assertThat(html).doesNotContain("href=\"javascript").doesNotContain("href=\"data");
	}

	@Test
	void makesLinksOfWebAddressesAndKeepsLineBreaks() {
		assertThat(MessageText.html("See https://stride.example/help.\nThanks & bye"))
				.isEqualTo("See <a href=\"https://stride.example/help\" rel=\"noopener noreferrer nofollow\">"
						+ "https://stride.example/help</a>.<br>Thanks &amp; bye");
	}
}
