package health.stride.messaging.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Web Push without a payload (RFC 8030), authenticated with VAPID (RFC 8292): Stride asks the
 * browser's push service to wake the service worker, which then fetches the words to show from
 * Stride itself. No content crosses the push service, so nothing needs encrypting (RFC 8291) and the
 * browser's keys are never stored. The application server's P-256 key pair comes from
 * {@code stride.push.vapid.public-key} and {@code .private-key} (unpadded base64url, the public key
 * as the uncompressed point, the private one as the 32-byte scalar); without them there is no push.
 * Only push services on {@code stride.push.allowed-origins} are called (scheme, host and port), so a
 * subscription cannot point Stride at any other address. Every call has short timeouts (5 seconds to
 * connect, 10 for the answer), so a push service that hangs cannot hold up the reminder job.
 */
@Component
public class WebPush {

	private static final Logger LOG = LoggerFactory.getLogger(WebPush.class);

	/** How long a VAPID token is valid; RFC 8292 allows at most 24 hours. */
	static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

	/** How long connecting to a push service and waiting for its answer may take. */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	static final String ALGORITHM = "SHA256withECDSAinP1363Format";

	/** What became of a push. */
	enum Outcome {
		SENT,
		/** The push service no longer knows the subscription (404, 410): it is to be forgotten. */
		GONE, FAILED
	}

	private final @Nullable String publicKey;
	private final @Nullable PrivateKey privateKey;
	private final String subject;
	private final List<Origin> allowedOrigins;
	private final Clock clock;
	private final JsonMapper json;
	private final HttpClient http;

	WebPush(@Value("${stride.push.vapid.public-key:}") String publicKey,
			@Value("${stride.push.vapid.private-key:}") String privateKey,
			@Value("${stride.push.vapid.subject:mailto:no-reply@stride.example}") String subject,
			@Value("${stride.push.allowed-origins:https://fcm.googleapis.com,https://updates.push.services.mozilla.com,https://web.push.apple.com,https://*.notify.windows.com}") List<String> allowedOrigins,
			Clock clock, JsonMapper json) {

		if (publicKey.isBlank() != privateKey.isBlank()) {
			throw new IllegalStateException("stride.push.vapid.public-key and .private-key are set together or not at all.");
		}
		this.subject = subject;
		this.allowedOrigins = allowedOrigins.stream().map(String::strip).filter(it -> !it.isEmpty())
				.map(it -> Origin.parse(it.toLowerCase(Locale.ROOT))).toList();
		this.clock = clock;
		this.json = json;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
				.followRedirects(HttpClient.Redirect.NEVER).build();
		if (publicKey.isBlank()) {
			this.publicKey = null;
			this.privateKey = null;
			return;
		}
		this.publicKey = publicKey.strip();
		try {
			this.privateKey = privateKey(privateKey.strip());
			// a private key that does not belong to the public one would make every push fail later: fail now
			var proof = sign("stride".getBytes(StandardCharsets.US_ASCII));
			if (!verifies("stride".getBytes(StandardCharsets.US_ASCII), proof, publicKey(this.publicKey))) {
				throw new IllegalStateException("stride.push.vapid.private-key does not belong to the public key.");
			}
		} catch (GeneralSecurityException | IllegalArgumentException invalid) {
			throw new IllegalStateException("stride.push.vapid keys are not a P-256 key pair in base64url.", invalid);
		}
	}

	/** Whether push is set up; without keys the pages do not offer it. */
	public boolean configured() {
		return publicKey != null;
	}

	/** The application server key the browser subscribes with (base64url), if push is set up. */
	public @Nullable String publicKey() {
		return publicKey;
	}

	/**
	 * Whether Stride would push to this address: printable ASCII only (as every push service's
	 * addresses are), no user info, and the scheme, host and port of an allowed origin.
	 */
	public boolean accepts(String endpoint) {
		if (!printableAscii(endpoint)) {
			return false;
		}
		try {
			var uri = new URI(endpoint);
			if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
				return false;
			}
			var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			var host = uri.getHost().toLowerCase(Locale.ROOT);
			var port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
			return allowedOrigins.stream().anyMatch(origin -> origin.allows(scheme, host, port));
		} catch (URISyntaxException invalid) {
			return false;
		}
	}

	/** Only the characters 0x21 to 0x7e: no space, no control character, nothing beyond ASCII. */
	static boolean printableAscii(String text) {
		for (var i = 0; i < text.length(); i++) {
			var c = text.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	static int defaultPort(String scheme) {
		return switch (scheme) {
			case "https" -> 443;
			case "http" -> 80;
			default -> -1;
		};
	}

	/**
	 * A push service's origin as configured: {@code scheme://host[:port]}, the port by default the
	 * scheme's; a host {@code *.example.com} stands for every host under example.com.
	 */
	record Origin(String scheme, String host, int port) {

		static Origin parse(String origin) {
			var split = origin.indexOf("://");
			if (split <= 0) {
				throw new IllegalStateException("stride.push.allowed-origins: not an origin: " + origin);
			}
			var scheme = origin.substring(0, split);
			var authority = origin.substring(split + 3);
			if (authority.endsWith("/")) {
				authority = authority.substring(0, authority.length() - 1);
			}
			var colon = authority.lastIndexOf(':');
			if (colon < 0 || authority.endsWith("]")) {
				return new Origin(scheme, authority, defaultPort(scheme));
			}
			try {
				return new Origin(scheme, authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)));
			} catch (NumberFormatException invalid) {
				throw new IllegalStateException("stride.push.allowed-origins: not a port in " + origin, invalid);
			}
		}

		boolean allows(String scheme, String host, int port) {
			return this.scheme.equals(scheme) && this.port == port
					&& (this.host.startsWith("*.") ? host.endsWith(this.host.substring(1)) : this.host.equals(host));
		}
	}

	/**
	 * Wakes the browser behind the subscription, with no payload.
	 *
	 * @param ttl how long the push service may hold the push for a browser that is offline
	 */
	Outcome send(String endpoint, Duration ttl) {
		if (privateKey == null || !accepts(endpoint)) {
			return Outcome.FAILED;
		}
		try {
			var request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(REQUEST_TIMEOUT)
					.header("Authorization", authorization(endpoint))
					.header("TTL", Long.toString(Math.max(0, ttl.toSeconds())))
					.header("Urgency", "normal")
					.POST(HttpRequest.BodyPublishers.noBody()).build();
			var status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status >= 200 && status < 300) {
				return Outcome.SENT;
			}
			if (status == 404 || status == 410) {
				return Outcome.GONE;
			}
			LOG.warn("A push service answered {}", status); // the endpoint stays out of the log: it names a device
			return Outcome.FAILED;
		} catch (IOException | IllegalArgumentException failed) {
			LOG.warn("Could not reach a push service: {}", failed.getClass().getSimpleName());
			return Outcome.FAILED;
		} catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return Outcome.FAILED;
		}
	}

	/** {@code vapid t=<JWT>, k=<public key>}: a token for the push service's origin, signed with ES256. */
	String authorization(String endpoint) {
		var uri = URI.create(endpoint);
		var audience = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		var claims = new LinkedHashMap<String, Object>();
		claims.put("aud", audience);
		claims.put("exp", clock.instant().plus(TOKEN_LIFETIME).getEpochSecond());
		claims.put("sub", subject);
		var unsigned = base64("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64(json.writeValueAsBytes(claims));
		try {
			var signature = sign(unsigned.getBytes(StandardCharsets.US_ASCII));
			return "vapid t=" + unsigned + "." + base64(signature) + ", k=" + publicKey;
		} catch (GeneralSecurityException failed) {
			throw new IllegalStateException("Could not sign a VAPID token.", failed);
		}
	}

	private byte[] sign(byte[] data) throws GeneralSecurityException {
		var signer = Signature.getInstance(ALGORITHM);
		signer.initSign(java.util.Objects.requireNonNull(privateKey));
		signer.update(data);
		return signer.sign();
	}

	static boolean verifies(byte[] data, byte[] signature, PublicKey key) throws GeneralSecurityException {
		var verifier = Signature.getInstance(ALGORITHM);
		verifier.initVerify(key);
		verifier.update(data);
		return verifier.verify(signature);
	}

	static PublicKey publicKey(String base64url) throws GeneralSecurityException {
		var point = Base64.getUrlDecoder().decode(base64url);
		if (point.length != 65 || point[0] != 4) {
			throw new IllegalArgumentException("not an uncompressed P-256 point");
		}
		var x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
		var y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
		return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), p256()));
	}

	static PrivateKey privateKey(String base64url) throws GeneralSecurityException {
		var scalar = Base64.getUrlDecoder().decode(base64url);
		if (scalar.length != 32) {
			throw new IllegalArgumentException("not a P-256 private key");
		}
		return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), p256()));
	}

	private static ECParameterSpec p256() throws GeneralSecurityException {
		var parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		return parameters.getParameterSpec(ECParameterSpec.class);
	}

	static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
