package health.stride.app.devservices;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** Whether a dev service the local run starts (or finds) already answers on its port. */
final class HttpProbe {

	private HttpProbe() {}

	static boolean answersOk(String url) {
		try {
			return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
					.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
							BodyHandlers.discarding())
					.statusCode() == 200;
		} catch (IOException e) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
