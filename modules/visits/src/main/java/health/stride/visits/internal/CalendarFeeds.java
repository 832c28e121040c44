package health.stride.visits.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.platform.tenancy.TenantId;
import health.stride.visits.Visit;
import health.stride.visits.Visits;

/**
 * Each clinician's private calendar feed: a secret token in a URL that calendar apps fetch without
 * signing in. Only the SHA-256 digest of the token is kept; a clinician has at most one feed, and a
 * new one revokes the old. The feed lists the clinician's booked visits from 30 days back to 60 days
 * ahead as "Stride visit", with no patient name and nothing about the visit's kind.
 */
@Service
@Transactional(readOnly = true)
public class CalendarFeeds {

	static final Duration BACK = Duration.ofDays(30);
	static final Duration AHEAD = Duration.ofDays(60);

	/** 256 random bits, base64url without padding. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The clinic and clinician a feed belongs to. */
	public record Owner(TenantId clinic, UUID clinicianId) {}

	private final JdbcClient jdbc;
	private final Visits visits;
	private final MessageSource messages;
	private final Clock clock;
	private final String publicUrl;

	CalendarFeeds(JdbcClient jdbc, Visits visits, MessageSource messages, Clock clock,
			@Value("${stride.public-url:http://localhost:8080}") String publicUrl) {
		this.jdbc = jdbc;
		this.visits = visits;
		this.messages = messages;
		this.clock = clock;
		this.publicUrl = publicUrl;
	}

	/** A new feed for the clinician of the current clinic, revoking theirs before; the token is shown once. */
	@Transactional
	public String create(UUID clinicianId) {
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		jdbc.sql("""
				insert into visits.calendar_feed (host_id, digest, created_at) values (?, ?, ?)
				on conflict (tenant_id, host_id) do update set digest = excluded.digest, created_at = excluded.created_at""")
				.params(clinicianId, digest(token), Timestamp.from(clock.instant())).update();
		return token;
	}

	@Transactional
	public void revoke(UUID clinicianId) {
		jdbc.sql("delete from visits.calendar_feed where host_id = ?").param(clinicianId).update();
	}

	/** When the clinician's current feed was made, if they have one. */
	public Optional<Instant> createdAt(UUID clinicianId) {
		return jdbc.sql("select created_at from visits.calendar_feed where host_id = ?").param(clinicianId)
				.query(Timestamp.class).optional().map(Timestamp::toInstant);
	}

	/**
	 * Whose feed the token opens, found with no clinic bound: the transaction names the token's digest
	 * and the table's by-token policy shows that one row (see the migration). Anything that is not a
	 * token opens nothing, without a query.
	 */
	@Transactional
	public Optional<Owner> owner(String token) {
		if (!TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		var digest = digest(token);
		jdbc.sql("select set_config('stride.calendar_feed', ?, true)").param(HexFormat.of().formatHex(digest))
				.query(String.class).single();
		return jdbc.sql("select tenant_id, host_id from visits.calendar_feed where digest = ?").param(digest)
				.query((row, number) -> new Owner(TenantId.of(row.getString("tenant_id")),
						row.getObject("host_id", UUID.class)))
				.optional();
	}

	/** The clinician's feed, in the current clinic, with its words in the given language. */
	public String feed(UUID clinicianId, Locale locale) {
		var now = clock.instant();
		var booked = visits.ofClinician(clinicianId, now.minus(BACK), now.plus(AHEAD)).stream()
				.filter(Visit::isBooked).toList();
		var agenda = URI.create(publicUrl + "/schedule");
		var words = new VisitCalendar.Words(messages.getMessage("visits.calendar.summary", null, locale),
				messages.getMessage("visits.calendar.feed-description", new Object[] { agenda.toString() }, locale),
				agenda);
		return VisitCalendar.feed(booked, words, messages.getMessage("visits.calendar.feed-name", null, locale), now);
	}

	static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
