package health.stride.messaging.web;

import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Message text as the pages show it: everything escaped, then line breaks kept and web addresses
 * made into links, and nothing else. What comes out is safe to insert as HTML.
 */
final class MessageText {

	private MessageText() {}

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");

	static String html(String body) {
		var escaped = HtmlUtils.htmlEscape(body.strip(), "UTF-8");
		var matcher = LINK.matcher(escaped);
		var html = new StringBuilder();
		while (matcher.find()) {
			var url = matcher.group();
			var trailing = "";
			while (!url.isEmpty() && ".,;:!?)".indexOf(url.charAt(url.length() - 1)) >= 0) {
				trailing = url.charAt(url.length() - 1) + trailing;
				url = url.substring(0, url.length() - 1);
			}
			matcher.appendReplacement(html, java.util.regex.Matcher.quoteReplacement(
					"<a href=\"" + url + "\" rel=\"noopener noreferrer nofollow\">" + url + "</a>" + trailing));
		}
		matcher.appendTail(html);
		return html.toString().replace("\r\n", "\n").replace("\n", "<br>");
	}
}
