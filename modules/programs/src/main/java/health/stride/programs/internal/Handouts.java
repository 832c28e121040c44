package health.stride.programs.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgExternalResourceMode;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgScriptMode;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.patients.PatientSummary;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.programs.Exercise;
import health.stride.programs.ExerciseLibrary;
import health.stride.programs.Plan;
import health.stride.programs.Plans;
import health.stride.programs.SharedTexts;

/**
 * The patient's current plan as a printable handout (PDF), always in the patient's language whoever
 * asks for it: the clinic's name, logo and contact, each exercise of the current phase with its
 * drawing, steps, dose and cues, the walking target, the flare rule and when to get help. The words
 * come from {@code templates/programs/handout.html} and the module's bundles; OpenHTMLtoPDF lays it
 * out with an embedded DejaVu Sans (Spanish accents and ¿¡ need a real Unicode font, and a server may
 * have none). Every picture is carried inside the document (data URIs, SVGs drawn by Batik with
 * scripts and outside fetches off), and the renderer may fetch nothing else. Callers check who may
 * read the plan and audit it.
 */
@Service
public class Handouts {

	static final String FONT = "DejaVu Sans";

	private final ITemplateEngine templates;
	private final Plans plans;
	private final PatientDirectory patients;
	private final ExerciseLibrary library;
	private final SharedTexts texts;
	private final WalkingTargets walking;
	private final Tailoring tailoring;
	private final ClinicRegistry clinics;
	private final MessageSource messages;
	private final Clock clock;
	private final byte[] regular;
	private final byte[] bold;
	/** A drawing's path → the drawing as a data URI; there are a handful, read once. */
	private final Map<String, Optional<String>> drawings = new ConcurrentHashMap<>();

	Handouts(ITemplateEngine templates, Plans plans, PatientDirectory patients, ExerciseLibrary library, SharedTexts texts,
			WalkingTargets walking, Tailoring tailoring, ClinicRegistry clinics, MessageSource messages, Clock clock) {
		this.templates = templates;
		this.plans = plans;
		this.patients = patients;
		this.library = library;
		this.texts = texts;
		this.walking = walking;
		this.tailoring = tailoring;
		this.clinics = clinics;
		this.messages = messages;
		this.clock = clock;
		XRLog.setLoggerImpl(new RendererLog());
		this.regular = bytes("fonts/DejaVuSans.ttf");
		this.bold = bytes("fonts/DejaVuSans-Bold.ttf");
	}

	/** The handout of the patient's current plan as a PDF, in the patient's language; empty without a plan. */
	public Optional<byte[]> pdf(PatientId patient) {
		return html(patient).map(this::render);
	}

	/** The handout as the XHTML the PDF is laid out from; empty if the patient has no plan. */
	Optional<String> html(PatientId patient) {

		var summary = patients.find(patient);
		var plan = plans.of(patient);
		if (summary.isEmpty() || plan.isEmpty()) {
			return Optional.empty();
		}
		var locale = patients.languageOf(patient).locale();
		var zone = zone(summary.get());
		var clinic = clinics.find(CurrentTenant.require());
		var logo = clinics.logo(CurrentTenant.require());
		var hold = plans.holdOf(patient).isPresent();

		var model = new HashMap<String, @Nullable Object>();
		model.put("lang", locale.getLanguage());
		model.put("clinic", clinic.map(it -> it.name())
				.orElseGet(() -> messages.getMessage("programs.handout.your-clinic", null, locale)));
		model.put("phone", clinic.flatMap(it -> it.supportPhone()).orElse(null));
		model.put("email", clinic.flatMap(it -> it.supportEmail()).orElse(null));
		model.put("logo", logo.map(it -> dataUri(it.type(), it.bytes())).orElse(null));
		model.put("firstName", summary.get().firstName());
		model.put("lastName", summary.get().lastName());
		model.put("date", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
				.format(LocalDate.now(clock.withZone(zone))));
		model.put("planName", texts.template(plan.get().name(), locale));
		model.put("phaseName", texts.template(plan.get().phase().name(), locale));
		model.put("paused", hold);
		model.put("exercises", hold ? List.of() : exercises(plan.get(), locale));
		var walks = hold ? null : plan.get().walking();
		model.put("walking", walks);
		model.put("walkingNote", walks == null || walks.note() == null ? null : texts.template(walks.note(), locale));
		model.put("walkingNow", walks == null ? null : walking.today(patient, zone).map(WalkingTargets.Target::step).orElse(null));
		model.put("stenosis", !hold && tailoring.factsOf(patient).stenosis());
		return Optional.of(templates.process("programs/handout", new Context(locale, model)));
	}

	/** One exercise as the handout prints it, in the patient's language. */
	public record Item(String name, String dose, int timesPerDay, @Nullable String note, List<String> steps,
			List<String> safety, @Nullable String position, @Nullable String drawing) {}

	private List<Item> exercises(Plan plan, Locale locale) {
		return plan.phase().exercises().stream().map(prescribed -> {
			var exercise = library.find(prescribed.slug(), locale);
			var note = prescribed.dosing().note();
			return new Item(exercise.map(Exercise::name).orElse(prescribed.slug()),
					prescribed.dosing().words().in(messages, locale), prescribed.dosing().timesPerDay(),
					note == null ? null : texts.template(note, locale), exercise.map(Exercise::steps).orElse(List.of()),
					exercise.map(Exercise::safety).orElse(List.of()),
					exercise.map(it -> messages.getMessage("programs.position." + it.position(), null, it.position(), locale))
							.orElse(null),
					exercise.flatMap(it -> drawing(it.illustration())).orElse(null));
		}).toList();
	}

	/** The position drawing served at {@code path} (under {@code static/}), as a data URI. */
	private Optional<String> drawing(String path) {
		return drawings.computeIfAbsent(path, it -> {
			var resource = new ClassPathResource("static" + it);
			if (!resource.exists()) {
				return Optional.empty();
			}
			try {
				return Optional.of(dataUri("image/svg+xml", resource.getContentAsByteArray()));
			} catch (IOException unreadable) {
				return Optional.empty();
			}
		});
	}

	/** Lays the XHTML out as a PDF. Only pictures inside the document are drawn; nothing is fetched. */
	byte[] render(String html) {
		var pdf = new ByteArrayOutputStream();
		try (var svg = new BatikSVGDrawer(SvgScriptMode.SECURE, SvgExternalResourceMode.SECURE)) {
			new PdfRendererBuilder().useFastMode()
					.useFont(() -> new ByteArrayInputStream(regular), FONT, 400, FontStyle.NORMAL, true)
					.useFont(() -> new ByteArrayInputStream(bold), FONT, 700, FontStyle.NORMAL, true)
					.useSVGDrawer(svg)
					.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
							ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
					.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
							ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
					.withHtmlContent(html, null)
					.toStream(pdf)
					.run();
		} catch (IOException failed) {
			throw new UncheckedIOException(failed);
		}
		return pdf.toByteArray();
	}

	private static ZoneId zone(PatientSummary patient) {
		try {
			return ZoneId.of(patient.timeZone());
		} catch (RuntimeException unknown) {
			return ZoneId.of("UTC");
		}
	}

	private static String dataUri(String type, byte[] bytes) {
		return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
	}

	private static byte[] bytes(String resource) {
		try {
			return new ClassPathResource(resource).getContentAsByteArray();
		} catch (IOException missing) {
			throw new UncheckedIOException(missing);
		}
	}

	/**
	 * OpenHTMLtoPDF's log through SLF4J rather than its own console output: its warnings as warnings,
	 * its chatter (timings, each font loaded) at debug level.
	 */
	static final class RendererLog implements XRLogger {

		private static final Logger LOG = LoggerFactory.getLogger("com.openhtmltopdf");

		@Override
		public void log(String where, java.util.logging.Level level, String message) {
			log(where, level, message, null);
		}

		@Override
		public void log(String where, java.util.logging.Level level, String message, @Nullable Throwable error) {
			if (level.intValue() >= java.util.logging.Level.WARNING.intValue()) {
				LOG.warn("{}: {}", where, message, error);
			} else if (LOG.isDebugEnabled()) {
				LOG.debug("{}: {}", where, message, error);
			}
		}

		@Override
		public void setLevel(String logger, java.util.logging.Level level) {
			// SLF4J's configuration decides
		}

		@Override
		public boolean isLogLevelEnabled(Diagnostic diagnostic) {
			return diagnostic.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() || LOG.isDebugEnabled();
		}
	}
}
