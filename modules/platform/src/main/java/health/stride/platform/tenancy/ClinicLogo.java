package health.stride.platform.tenancy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import health.stride.platform.validation.FieldErrors;

/**
 * A clinic's logo, a PNG or an SVG of at most 200 KB, its type known from its content. The name
 * and the browser's content type are never trusted: a file is a PNG if it has the PNG signature and
 * decodes to a picture of sane size, an SVG if it parses as XML with an {@code svg} root and holds
 * nothing that could run or fetch anything (see {@code docs/drafts/17-settings.md}).
 */
public record ClinicLogo(byte[] bytes, String type) {

	public static final String PNG = "image/png";
	public static final String SVG = "image/svg+xml";
	public static final int MAX_BYTES = 200 * 1024;
	static final int MAX_SIDE = 4096;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
	/** url(...) in a style that reaches outside the file. */
	private static final Pattern OUTSIDE_URL = Pattern.compile("url\\(\\s*['\"]?\\s*(?!#|data:image/(png|jpeg|gif|webp)[;,])",
			Pattern.CASE_INSENSITIVE);
	private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\s\\p{Cntrl}]+");

	public ClinicLogo {
		if (!PNG.equals(type) && !SVG.equals(type)) {
			throw new IllegalArgumentException("A logo is a PNG or an SVG");
		}
		bytes = bytes.clone();
	}

	@Override
	public byte[] bytes() {
		return bytes.clone();
	}

	public boolean isSvg() {
		return SVG.equals(type);
	}

	/**
	 * The logo in an uploaded file, or nothing with the reason in {@code errors} under {@code field}.
	 *
	 * @param fileName the name the browser sent; it must agree with the content (a PNG named
	 *     {@code .svg} is refused) but never decides the type
	 */
	public static @Nullable ClinicLogo check(byte @Nullable [] bytes, @Nullable String fileName, String field,
			FieldErrors errors) {

		if (bytes == null || bytes.length == 0) {
			errors.reject(field, "platform.logo.required");
			return null;
		}
		if (bytes.length > MAX_BYTES) {
			errors.reject(field, "platform.logo.too-large", MAX_BYTES / 1024);
			return null;
		}
		var named = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
		var namedType = named.endsWith(".png") ? PNG : named.endsWith(".svg") ? SVG : null;
		var isPng = bytes.length > PNG_SIGNATURE.length
				&& Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
		var contentType = isPng ? PNG : SVG;

		if (namedType == null) {
			errors.reject(field, "platform.logo.type");
			return null;
		}
		if (namedType != contentType && isPng) {
			errors.reject(field, "platform.logo.disguised");
			return null;
		}
		var problem = isPng ? pngProblem(bytes) : namedType == PNG ? "platform.logo.disguised" : svgProblem(bytes);
		if (problem != null) {
			errors.reject(field, problem, MAX_SIDE);
			return null;
		}
		return new ClinicLogo(bytes, contentType);
	}

	private static @Nullable String pngProblem(byte[] bytes) {
		try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			var readers = ImageIO.getImageReadersByFormatName("png");
			if (input == null || !readers.hasNext()) {
				return "platform.logo.unreadable";
			}
			var reader = readers.next();
			try {
				reader.setInput(input, true, true);
				// the header first: a small file may claim a picture too big to decode
				var width = reader.getWidth(0);
				var height = reader.getHeight(0);
				if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
					return "platform.logo.dimensions";
				}
				return reader.read(0) == null ? "platform.logo.unreadable" : null;
			} finally {
				reader.dispose();
			}
		} catch (IOException | RuntimeException unreadable) {
			return "platform.logo.unreadable";
		}
	}

	private static @Nullable String svgProblem(byte[] bytes) {

		org.w3c.dom.Document document;
		try {
			var factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			// no DOCTYPE at all: no entities, so neither XXE nor entity expansion
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
			factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			var builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			document = builder.parse(new ByteArrayInputStream(bytes));
		} catch (ParserConfigurationException | SAXException | IOException | RuntimeException notXml) {
			return "platform.logo.not-svg";
		}
		var root = document.getDocumentElement();
		if (root == null || !"svg".equals(root.getLocalName()) || !SVG_NAMESPACE.equals(root.getNamespaceURI())) {
			return "platform.logo.not-svg";
		}
		for (var node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
				// e.g. <?xml-stylesheet href="..."?> fetches a style sheet
				return "platform.logo.unsafe";
			}
		}
		return safe(root) ? null : "platform.logo.unsafe";
	}

	/** Nothing that runs (scripts, event handlers, javascript: URLs) or fetches (outside references). */
	private static boolean safe(Element element) {

		var name = element.getLocalName() == null ? element.getNodeName() : element.getLocalName();
		if (name.equalsIgnoreCase("script") || name.equalsIgnoreCase("foreignObject")) {
			return false;
		}
		var attributes = element.getAttributes();
		for (var i = 0; i < attributes.getLength(); i++) {
			var attribute = attributes.item(i);
			var attributeName = attribute.getLocalName() == null ? attribute.getNodeName() : attribute.getLocalName();
			var value = attribute.getNodeValue();
			var squeezed = CONTROL_OR_SPACE.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
			if (attributeName.toLowerCase(Locale.ROOT).startsWith("on") || squeezed.contains("javascript:")
					|| squeezed.contains("@import") || OUTSIDE_URL.matcher(value).find()) {
				return false;
			}
			if (attributeName.equalsIgnoreCase("href") && !(squeezed.startsWith("#") || insideImage(squeezed))) {
				return false;
			}
		}
		for (var child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element nested) {
				if (!safe(nested)) {
					return false;
				}
			} else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
				var text = child.getNodeValue();
				var squeezed = CONTROL_OR_SPACE.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
				if (squeezed.contains("javascript:") || squeezed.contains("@import") || OUTSIDE_URL.matcher(text).find()) {
					return false;
				}
			} else if (child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
				// e.g. <?xml-stylesheet href="..."?> fetches a style sheet
				return false;
			}
		}
		return true;
	}

	/** A picture carried in the file itself; an SVG inside an SVG could carry its own scripts. */
	private static boolean insideImage(String href) {
		return href.startsWith("data:image/") && !href.startsWith("data:image/svg");
	}
}
