package health.stride.visits.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import health.stride.platform.ratelimit.RateLimiter;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.internal.CalendarFeeds;

/**
 * A clinician's calendar feed, fetched by calendar apps, which cannot sign in: the secret token in
 * the path is the only key. An unknown or revoked token, a clinician who left and a suspended clinic
 * all answer 404, alike; each client address gets a ration of fetches, so tokens cannot be guessed
 * at speed (256 random bits make guessing hopeless anyway).
 */
@Controller
class CalendarFeedRoute {

	static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

	private final CalendarFeeds feeds;
	private final Hosts hosts;
	private final ClinicRegistry clinics;
	private final RateLimiter addresses;

	CalendarFeedRoute(CalendarFeeds feeds, Hosts hosts, ClinicRegistry clinics, Clock clock,
			@Value("${stride.visits.calendar-feed.limit.per-address:120}") int perAddress,
			@Value("${stride.visits.calendar-feed.limit.window:PT10M}") Duration window) {
		this.feeds = feeds;
		this.hosts = hosts;
		this.clinics = clinics;
		this.addresses = new RateLimiter(perAddress, window, clock);
	}

	@GetMapping("/calendar/{token}.ics")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> feed(@PathVariable String token, HttpServletRequest request) {
		if (!addresses.tryAcquire(request.getRemoteAddr())) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header("Retry-After", String.valueOf(addresses.secondsUntilReset())).build();
		}
		var owner = feeds.owner(token)
				.filter(it -> clinics.find(it.clinic()).filter(clinic -> !clinic.isSuspended()).isPresent());
		if (owner.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		var locale = LocaleContextHolder.getLocale();
		var body = CurrentTenant.callAs(owner.get().clinic(),
				() -> hosts.find(owner.get().clinicianId()).filter(Host::active)
						.map(host -> feeds.feed(host.id(), locale)));
		return body.map(ics -> ResponseEntity.ok().contentType(CALENDAR)
				.cacheControl(CacheControl.noStore().cachePrivate()).body(ics))
				.orElseGet(() -> ResponseEntity.notFound().build());
	}
}
