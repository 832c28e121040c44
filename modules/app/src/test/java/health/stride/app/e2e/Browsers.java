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

		var options = new ChromeOptions();
		options.setBinary(new File("/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=390,844", "--user-data-dir=" + Files.createTempDirectory("stride-chromium"));

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
