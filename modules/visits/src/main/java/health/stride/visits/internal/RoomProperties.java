package health.stride.visits.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The STUN and TURN servers the browsers in a room use to find a way to each other
 * ({@code stride.visits.ice-servers[0].urls[0]=turn:turn.example.org:3478}, with a username and
 * credential for TURN). None is needed on one machine or one network; behind the NATs of real homes
 * a TURN server is (the docs show a coturn set-up).
 */
@ConfigurationProperties("stride.visits")
public record RoomProperties(@Nullable List<IceServer> iceServers) {

	public RoomProperties {
		iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
	}

	public record IceServer(List<String> urls, @Nullable String username, @Nullable String credential) {

		public IceServer {
			urls = List.copyOf(urls);
		}
	}
}
