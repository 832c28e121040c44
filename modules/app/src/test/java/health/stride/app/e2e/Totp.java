package health.stride.app.e2e;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The one-time password an authenticator app shows (RFC 6238: HMAC-SHA1, 6 digits, 30 seconds, Keycloak's defaults). */
final class Totp {

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Totp() {}

	/** @param secret the key as Keycloak shows it for manual entry (Base32, in groups separated by spaces) */
	static String code(String secret, Instant at) throws Exception {

		var mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(base32(secret), "HmacSHA1"));
		var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());

		var offset = hash[hash.length - 1] & 0x0f;
		var binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
				| (hash[offset + 3] & 0xff);
		return String.format("%06d", binary % 1_000_000);
	}

	private static byte[] base32(String text) {

		var clean = text.replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT);
		var out = new java.io.ByteArrayOutputStream();
		int buffer = 0, bits = 0;
		for (var c : clean.toCharArray()) {
			buffer = (buffer << 5) | BASE32.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}
}
