package health.stride.app.e2e;

import static org.assertj.core.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import health.stride.patients.PatientDirectory;
import health.stride.visits.Hosts;

/**
 * A video visit in real headless Chromiums whose cameras are Chromium's test patterns: demo patient
 * Maya waits, her therapist Alex lets her in, both see the other's moving picture over a peer-to-peer
 * connection, Alex shares his screen, they write on the side-channel, Alex saves a draft of the visit
 * note beside the video (it stays after the call), an interpreter joins with a
 * one-time link (which then works no more), and Alex's hang-up ends the call for everyone. The device
 * check, the waiting room and the clinician's call view with the note pass axe-core's WCAG 2.1 AA rules.
 */
class VideoVisitBrowserTests extends BrowserTestSupport {


	@Autowired Hosts hosts;
	@Autowired PatientDirectory patients;
	@Autowired JdbcClient jdbc;
	@Autowired PlatformTransactionManager transactions;

	WebDriver therapist;
	WebDriver guest;
	UUID visit;

	/** A follow-up of Maya's with Alex starting in five minutes, its room open; whatever held that time is cancelled. */
	@BeforeEach
	void aVisitAboutToStart() throws Exception {
		visit = VisitAboutToStart.book(patients, hosts, jdbc, transactions);
		Browsers.release(browser);
		browser = Browsers.chromiumWithFakeDevices();
		waiting = waitFor(browser);
		therapist = Browsers.chromiumWithFakeDevices();
	}

	@AfterEach
	void closeTheOthers() {
		for (var other : new WebDriver[] { therapist, guest }) {
			if (other != null) {
				other.quit();
			}
		}
	}

	static WebDriverWait waitFor(WebDriver driver) {
		var wait = new WebDriverWait(driver, Duration.ofSeconds(40), Browsers.POLL);
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		return wait;
	}

	void signIn(WebDriver driver, String username) {
		var saved = browser;
		var savedWaiting = waiting;
		browser = driver;
		waiting = waitFor(driver);
		try {
			signIn(username);
			waiting.until(ExpectedConditions.not(ExpectedConditions.urlContains("/realms/")));
		} finally {
			browser = saved;
			waiting = savedWaiting;
		}
	}

	/** Joins from the device check once the camera is on. */
	static void join(WebDriver driver) {
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id("join")));
		driver.findElement(By.id("join")).click();
	}

	/** Whether the picture from the other side moves: a size, and time that goes on. */
	static boolean remoteVideoPlays(WebDriver driver, int peers) {
		var script = """
				const videos = [...document.querySelectorAll('#remotes figure[data-state=connected] video')];
				if (videos.length < arguments[0]) { return Promise.resolve(false); }
				const before = videos.map((v) => v.currentTime);
				return new Promise((done) => setTimeout(() => done(videos.every((v, i) =>
				  v.videoWidth > 0 && v.currentTime > before[i])), 700));""";
		return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
				"return (async () => { " + script + " })()", peers));
	}

	/** What a browser's room shows of the others, for a failure's message. */
	static String remotes(WebDriver driver) {
		return String.valueOf(((JavascriptExecutor) driver).executeScript("""
				return JSON.stringify([...document.querySelectorAll('#remotes figure')].map((f) => ({
				  peer: f.dataset.peer, state: f.dataset.state, name: f.querySelector('figcaption').textContent,
				  width: f.querySelector('video').videoWidth, time: f.querySelector('video').currentTime })))
				  + ' status: ' + document.getElementById('call-status').textContent;"""));
	}

	static void untilPlaying(WebDriver driver, int peers) {
		try {
			waitFor(driver).until(it -> remoteVideoPlays(it, peers));
		} catch (org.openqa.selenium.TimeoutException stuck) {
			var console = driver.manage().logs().get("browser").getAll().stream().map(Object::toString).toList();
			throw new AssertionError("Expected " + peers + " moving pictures: " + remotes(driver) + "\nconsole: " + console,
					stuck);
		}
	}

	@Test
	void aVideoVisitFromTheWaitingRoomToTheHangUp() throws Exception {

		var violations = new ArrayList<String>();
		var room = appUrl() + "/visits/" + visit + "/room";

		signIn(browser, "patient.maya");
		browser.get(room);
		waiting.until(ExpectedConditions.elementToBeClickable(By.id("join")));
		assertThat(browser.findElement(By.id("preview")).isDisplayed()).isTrue();
		violations.addAll(Accessibility.violations(browser));
		join(browser);
		waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("waiting")));
		assertThat(browser.findElement(By.id("waiting")).getText()).contains("Your therapist will let you in.");
		violations.addAll(Accessibility.violations(browser));

		signIn(therapist, "pt.alex");
		therapist.get(room);
		join(therapist);
		var alexWaits = waitFor(therapist);
		alexWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("waiting-list"), "Maya Okafor is waiting"));
		therapist.findElement(By.cssSelector("#waiting-list button")).click();

		waiting.until(driver -> remoteVideoPlays(driver, 1));
		alexWaits.until(driver -> remoteVideoPlays(driver, 1));
		assertThat(browser.findElement(By.id("call-status")).getText()).isEqualTo("Connected.");

		// screen sharing: the patient keeps seeing a moving picture, now of the screen
		therapist.findElement(By.id("share")).click();
		alexWaits.until(ExpectedConditions.attributeToBe(By.id("share"), "aria-pressed", "true"));
		waiting.until(driver -> remoteVideoPlays(driver, 1));

		// the text side-channel
		browser.findElement(By.id("chat-text")).sendKeys("Here is the link to my exercise video");
		browser.findElement(By.cssSelector("#chat-form button")).click();
		alexWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-lines"),
				"Maya Okafor: Here is the link to my exercise video"));

		// the note beside the video: a draft saved in place, and the call view passes axe with it
		alexWaits.until(ExpectedConditions.visibilityOfElementLocated(By.id("note-subjective")));
		therapist.findElement(By.id("note-subjective")).sendKeys("Left leg pain 4/10, better after walks.");
		therapist.findElement(By.cssSelector("#visit-note-form button[type=submit]")).click();
		alexWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("visit-note"), "The draft was saved."));
		violations.addAll(Accessibility.violations(therapist));

		// an interpreter, with a one-time link
		therapist.findElement(By.id("guest-name")).sendKeys("Ana Ruiz");
		therapist.findElement(By.cssSelector("#guests input[value=INTERPRETER]")).click();
		therapist.findElement(By.cssSelector("#guests button[type=submit]")).click();
		alexWaits.until(ExpectedConditions.presenceOfElementLocated(By.id("guest-link-url")));
		var link = therapist.findElement(By.id("guest-link-url")).getAttribute("value");
		assertThat(link).startsWith(appUrl() + "/room-guest/");

		guest = Browsers.chromiumWithFakeDevices();
		guest.get(link);
		var guestWaits = waitFor(guest);
		guestWaits.until(ExpectedConditions.urlToBe(room.replace("/visits/", "/guest/visits/")));
		join(guest);
		guestWaits.until(ExpectedConditions.visibilityOfElementLocated(By.id("waiting")));
		alexWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("waiting-list"), "Ana Ruiz is waiting"));
		therapist.findElement(By.cssSelector("#waiting-list button")).click();
		untilPlaying(guest, 2);
		untilPlaying(browser, 2);

		// the link again, from anywhere: gone (a plain request, as a fourth Chromium would starve the three in the call)
		try (var client = HttpClient.newHttpClient()) {
			var again = client.send(HttpRequest.newBuilder(URI.create(link)).header("Accept-Language", "en").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(again.statusCode()).isEqualTo(410);
			assertThat(again.body()).contains("This link was used already.");
		}

		therapist.findElement(By.id("hang-up")).click();
		waiting.until(ExpectedConditions.textToBe(By.id("ended-message"), "The visit has ended."));
		guestWaits.until(ExpectedConditions.textToBe(By.id("ended-message"), "The visit has ended."));
		assertThat(therapist.findElement(By.id("ended-message")).getText()).isEqualTo("The visit has ended.");
		// the note stays after the call, to finish and sign
		assertThat(therapist.findElement(By.cssSelector("#ended #note-subjective")).getAttribute("value"))
				.isEqualTo("Left leg pain 4/10, better after walks.");

		assertThat(violations).isEmpty();
	}
}
