package health.stride.app.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium, driven offline: no browser or driver is ever downloaded. */
final class Browsers {

	private Browsers() {}

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
