package health.stride.eligibility.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import health.stride.eligibility.SponsorCode;
import health.stride.platform.ratelimit.RateLimiter;
import health.stride.platform.tenancy.TenantId;

/**
 * Coverage checks are public, so they are rationed: per client address, so nobody can try names
 * and birth dates at speed, and per sponsor, so a distributed attempt on one roster also stalls.
 * The client address is the connection's, or the one a trusted proxy forwarded
 * ({@code server.tomcat.remoteip.*}); a client cannot name its own.
 */
@Component
@EnableConfigurationProperties(CoverageCheckLimits.Limits.class)
class CoverageCheckLimits {

	/**
	 * The allowances ({@code stride.coverage-checks.*}).
	 *
	 * @param perAddress attempts per client address (IPv6: per /64 network) and window
	 * @param perSponsor attempts per sponsor code of a clinic and window, from all addresses together
	 * @param window the fixed window the counts are for
	 * @param maxTrackedClients how many addresses (and sponsors) are counted at most, to bound memory
	 */
	@ConfigurationProperties("stride.coverage-checks")
	record Limits(@DefaultValue("10") int perAddress, @DefaultValue("300") int perSponsor,
			@DefaultValue("10m") Duration window, @DefaultValue("100000") int maxTrackedClients) {}

	private final RateLimiter addresses;
	private final RateLimiter sponsors;

	CoverageCheckLimits(Limits limits, Clock clock) {
		this.addresses = new RateLimiter(limits.perAddress(), limits.window(), limits.maxTrackedClients(), clock);
		this.sponsors = new RateLimiter(limits.perSponsor(), limits.window(), limits.maxTrackedClients(), clock);
	}

	/**
	 * Counts an attempt; false when the address or the sponsor has used up its allowance. The
	 * sponsor is charged only for attempts its address was allowed, so one noisy address cannot use
	 * up the sponsor's allowance and lock its members out. Codes that are no sponsor's share one
	 * allowance.
	 */
	boolean allow(String clientAddress, TenantId clinic, Optional<SponsorCode> sponsor) {
		return addresses.tryAcquire(clientKey(clientAddress))
				&& sponsors.tryAcquire(clinic + "/" + sponsor.map(SponsorCode::value).orElse("-"));
	}

	long secondsUntilReset() {
		return addresses.secondsUntilReset();
	}

	/**
	 * An IPv4 address as it is; an IPv6 address by its /64 network, since one subscriber commonly
	 * holds a whole /64 and could otherwise take a fresh address for every attempt.
	 */
	static String clientKey(String address) {
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			// a literal IPv6 address: parsed without any lookup
			var bytes = InetAddress.getByName(address).getAddress();
			return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
		} catch (UnknownHostException | SecurityException notAnAddress) {
			return address;
		}
	}
}
