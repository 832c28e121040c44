package health.stride.app.e2e;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven offline: no browser or driver is ever downloaded.
 *
 * <p>Starting a Chromium takes seconds, so the plain ones are lent from a pool kept for the JVM: a
 * returned browser is wiped (its tabs closed for a new one, every cookie, the cache, the storage of the
 * application's and Keycloak's origins, granted permissions) before it is lent again, so a test gets a
 * browser in which nobody is signed in anywhere, as a new one would be.
 */
final class Browsers {

	/**
	 * How often a wait asks the page again: WebDriverWait's own half second adds a quarter of a second, on
	 * average, to every wait that is not over at once, and the tests wait hundreds of times.
	 */
	static final Duration POLL = Duration.ofMillis(100);

	/** The size a plain browser opens with: a phone's. */
	static final Dimension PHONE = new Dimension(390, 844);

	private static final Deque<ChromeDriver> IDLE = new ArrayDeque<>();
	private static final Set<ChromeDriver> POOLED = new HashSet<>();

	private Browsers() {}

	/** A plain Chromium from the pool (or a new one), wiped: as new. */
	static synchronized ChromeDriver lease() throws Exception {
		while (!IDLE.isEmpty()) {
			var idle = IDLE.pop();
			try {
				wipe(idle);
				return idle;
			} catch (RuntimeException gone) {
				// a browser that died (or hangs) is not lent again
				POOLED.remove(idle);
				quietlyQuit(idle);
			}
		}
		var started = chromium();
		if (POOLED.isEmpty()) {
			Runtime.getRuntime().addShutdownHook(new Thread(Browsers::quitAll, "test-browsers-stop"));
		}
		POOLED.add(started);
		return started;
	}

	/** Gives a leased browser back, leaving its page for a blank one; any other browser is quit. */
	static synchronized void release(WebDriver driver) {
		if (!(driver instanceof ChromeDriver chrome) || !POOLED.contains(chrome)) {
			quietlyQuit(driver);
			return;
		}
		try {
			chrome.get("about:blank"); // no page of the test goes on polling the application
			IDLE.push(chrome);
		} catch (RuntimeException gone) {
			POOLED.remove(chrome);
			quietlyQuit(chrome);
		}
	}

	/**
	 * Nobody signed in anywhere and nothing remembered: the browser's tabs closed for a new blank one,
	 * its cookies (the application's and Keycloak's: both on localhost), cache, the storage and service
	 * workers of the application's and Keycloak's origins and the permissions granted, all gone; the
	 * window at a phone's size again.
	 */
	static void wipe(WebDriver driver) {
		var chrome = (ChromeDriver) driver;
		var fresh = chrome.switchTo().newWindow(WindowType.TAB).getWindowHandle();
		for (var handle : List.copyOf(chrome.getWindowHandles())) {
			if (!handle.equals(fresh)) {
				chrome.switchTo().window(handle).close();
			}
		}
		chrome.switchTo().window(fresh);
		chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		chrome.executeCdpCommand("Network.clearBrowserCache", Map.of());
		for (var origin : List.of(EndToEndTestSupport.appUrl(), TestKeycloak.server().url())) {
			var uri = URI.create(origin);
			chrome.executeCdpCommand("Storage.clearDataForOrigin",
					Map.of("origin", uri.getScheme() + "://" + uri.getAuthority(), "storageTypes", "all"));
		}
		chrome.executeCdpCommand("Browser.resetPermissions", Map.of());
		chrome.manage().window().setSize(PHONE);
		chrome.manage().logs().get("browser"); // the console of earlier tests is no test's to read
		var left = chrome.executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
		if (!(left instanceof List<?> cookies) || !cookies.isEmpty()) {
			throw new IllegalStateException("cookies left after wiping: " + left);
		}
	}

	private static synchronized void quitAll() {
		POOLED.forEach(Browsers::quietlyQuit);
	}

	private static void quietlyQuit(WebDriver driver) {
		try {
			driver.quit();
		} catch (RuntimeException alreadyGone) {
			// nothing left to stop
		}
	}

	static ChromeDriver chromium() throws Exception {
		return chromium(new String[0]);
	}

	/**
	 * A Chromium whose camera and microphone are Chromium's own test patterns, granted without asking,
	 * and whose screen sharing picks a source by itself: for the video room.
	 */
	static ChromeDriver chromiumWithFakeDevices() throws Exception {
		return chromium("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
				"--autoplay-policy=no-user-gesture-required", "--auto-select-desktop-capture-source=Entire screen",
				"--auto-accept-this-tab-capture", "--window-size=1280,900");
	}

	private static ChromeDriver chromium(String... extra) throws Exception {

		var options = new ChromeOptions();
		options.setBinary(new File("/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=390,844", "--user-data-dir=" + Files.createTempDirectory("stride-chromium"));
		options.addArguments(extra);
		// the page's console, for a failing test to tell what the page said
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));

		var service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File("/usr/bin/chromedriver"))
				.usingAnyFreePort()
				.build();

		var driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));

		return driver;
	}

	static boolean available() {
		return Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
	}
}
