package health.stride.visits.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.platform.security.CurrentUser;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.internal.CalendarFeeds;

/**
 * The clinician's private calendar feed: make one (its address is shown once, on the page that
 * follows), make a new one (the old one stops working) or revoke it.
 */
@Controller
@PreAuthorize("hasAnyRole('THERAPIST', 'COACH')")
class CalendarFeedController {

	private final CalendarFeeds feeds;
	private final Hosts hosts;
	private final MessageSource messages;
	private final String publicUrl;

	CalendarFeedController(CalendarFeeds feeds, Hosts hosts, MessageSource messages,
			@Value("${stride.public-url:http://localhost:8080}") String publicUrl) {
		this.feeds = feeds;
		this.hosts = hosts;
		this.messages = messages;
		this.publicUrl = publicUrl;
	}

	@GetMapping("/schedule/calendar-feed")
	String show(Model model) {
		var host = me();
		var format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
				.withLocale(LocaleContextHolder.getLocale()).withZone(host.zone());
		model.addAttribute("createdAt", feeds.createdAt(host.id()).map(format::format).orElse(null));
		return "visits/calendar-feed";
	}

	@PostMapping("/schedule/calendar-feed")
	String create(RedirectAttributes redirect) {
		var token = feeds.create(me().id());
		// handed to the next page only (a flash attribute): it is never shown again
		redirect.addFlashAttribute("feedUrl", publicUrl + "/calendar/" + token + ".ics");
		return "redirect:/schedule/calendar-feed";
	}

	@PostMapping("/schedule/calendar-feed/revocation")
	String revoke(RedirectAttributes redirect) {
		feeds.revoke(me().id());
		redirect.addFlashAttribute("flash",
				messages.getMessage("visits.calendar-feed.revoked", null, LocaleContextHolder.getLocale()));
		return "redirect:/schedule/calendar-feed";
	}

	/** Only a clinician who holds visits has a schedule to share. */
	private Host me() {
		return hosts.findByUsername(CurrentUser.require().username())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No schedule."));
	}
}
