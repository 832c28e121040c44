package health.stride.platform.tenancy;

import static org.assertj.core.api.Assertions.*;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import health.stride.platform.validation.FieldErrors;

/** A logo is a PNG or an SVG by its content; anything that could run, fetch or pretend is refused. */
class ClinicLogoTests {

	static final String PLAIN_SVG = """
			<?xml version="1.0" encoding="UTF-8"?>
			<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
			  <defs><linearGradient id="g"><stop offset="0" stop-color="#0b6e4f"/></linearGradient></defs>
			  <style>circle { stroke: #333; }</style>
			  <circle cx="5" cy="5" r="4" fill="url(#g)"/>
			  <use xlink:href="#g"/>
			  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
			</svg>""";

	@Test
	void acceptsARealPngAndAPlainSvg() throws IOException {

		var png = check(png(120, 40), "logo.PNG");
		assertThat(png).isNotNull();
		assertThat(png.type()).isEqualTo(ClinicLogo.PNG);

		var svg = check(PLAIN_SVG.getBytes(StandardCharsets.UTF_8), "logo.svg");
		assertThat(svg).isNotNull();
		assertThat(svg.type()).isEqualTo(ClinicLogo.SVG);
	}

	@Test
	void refusesSvgsThatCouldRunOrFetchSomething() {

		assertRefused(svg("<script>alert(1)</script>"), "platform.logo.unsafe");
		assertRefused(svg("<circle r=\"1\" onload=\"alert(1)\"/>"), "platform.logo.unsafe");
		assertRefused(svg("<circle r=\"1\" ONCLICK=\"alert(1)\"/>"), "platform.logo.unsafe");
		assertRefused(svg("<a href=\"java&#x09;script:alert(1)\"><circle r=\"1\"/></a>"), "platform.logo.unsafe");
		assertRefused(svg("<image href=\"https://evil.example/x.png\"/>"), "platform.logo.unsafe");
		assertRefused(svg("<use xlink:href=\"other.svg#a\"/>"), "platform.logo.unsafe");
		assertRefused(svg("<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>"), "platform.logo.unsafe");
		assertRefused(svg("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject>"),
				"platform.logo.unsafe");
		assertRefused(svg("<style>@import url(https://evil.example/a.css);</style>"), "platform.logo.unsafe");
		assertRefused(svg("<rect style=\"fill: url('https://evil.example/p')\"/>"), "platform.logo.unsafe");
		assertRefused("""
				<?xml-stylesheet href="https://evil.example/a.css"?>
				<svg xmlns="http://www.w3.org/2000/svg"/>""".getBytes(StandardCharsets.UTF_8), "logo.svg",
				"platform.logo.unsafe");
	}

	@Test
	void refusesDoctypesSoNoEntityIsEverResolved() {

		assertRefused("""
				<?xml version="1.0"?>
				<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
				<svg xmlns="http://www.w3.org/2000/svg"><text>&secret;</text></svg>""".getBytes(StandardCharsets.UTF_8),
				"logo.svg", "platform.logo.not-svg");
		assertRefused("""
				<?xml version="1.0"?>
				<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
				<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>""".getBytes(StandardCharsets.UTF_8),
				"logo.svg", "platform.logo.not-svg");
	}

	@Test
	void refusesDisguisedFiles() throws IOException {

		assertRefused(png(10, 10), "logo.svg", "platform.logo.disguised");
		assertRefused("<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8), "logo.png",
				"platform.logo.disguised");
		assertRefused("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>".getBytes(StandardCharsets.UTF_8),
				"logo.svg", "platform.logo.not-svg");
		assertRefused(zip(), "logo.png", "platform.logo.disguised");
		assertRefused(zip(), "logo.svg", "platform.logo.not-svg");
		assertRefused(PLAIN_SVG.getBytes(StandardCharsets.UTF_8), "logo.gif", "platform.logo.type");
		assertRefused(PLAIN_SVG.getBytes(StandardCharsets.UTF_8), null, "platform.logo.type");
	}

	@Test
	void refusesBrokenOrHugePngsAndFilesOverTheLimit() throws IOException {

		var truncated = Arrays.copyOf(png(50, 50), 40);
		assertRefused(truncated, "logo.png", "platform.logo.unreadable");
		assertRefused(png(ClinicLogo.MAX_SIDE + 1, 1), "logo.png", "platform.logo.dimensions");

		var padded = new byte[ClinicLogo.MAX_BYTES + 1];
		var real = png(10, 10);
		System.arraycopy(real, 0, padded, 0, real.length);
		assertRefused(padded, "logo.png", "platform.logo.too-large");
		assertRefused(new byte[0], "logo.png", "platform.logo.required");
	}

	static byte[] png(int width, int height) throws IOException {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var graphics = image.createGraphics();
		graphics.setColor(new Color(0x0b6e4f));
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static byte[] svg(String inside) {
		return ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">" + inside
				+ "</svg>").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] zip() throws IOException {
		var out = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("logo.png"));
			zip.write(png(10, 10));
			zip.closeEntry();
		}
		return out.toByteArray();
	}

	private static @Nullable ClinicLogo check(byte[] bytes, @Nullable String name) {
		var errors = new FieldErrors();
		var logo = ClinicLogo.check(bytes, name, "logo", errors);
		assertThat(errors.isEmpty()).as("errors %s", errors.asMap()).isEqualTo(logo != null);
		return logo;
	}

	private static void assertRefused(byte[] bytes, String code) {
		assertRefused(bytes, "logo.svg", code);
	}

	private static void assertRefused(byte[] bytes, @Nullable String name, String code) {
		var errors = new FieldErrors();
		assertThat(ClinicLogo.check(bytes, name, "logo", errors)).isNull();
		assertThat(errors.asMap()).containsOnlyKeys("logo");
		assertThat(errors.asMap().get("logo").getCodes()).containsExactly(code);
	}
}
