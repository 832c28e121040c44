package health.stride.visits.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientSummary;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.validation.FieldErrors;
import health.stride.visits.Host;
import health.stride.visits.Hosts;
import health.stride.visits.Schedules;
import health.stride.visits.Slot;
import health.stride.visits.VisitType;
import health.stride.visits.VisitTypes;
import health.stride.visits.Visits;

/**
 * A clinician's open slots over the API. A patient sees only their own care team's clinicians, the
 * kinds they may book themselves, from {@link Visits#PATIENT_LEAD} ahead, in their own time zone;
 * the clinic's staff see any of its clinicians from now, in the clinician's zone. Nobody sees
 * past {@link Visits#HORIZON}. Another clinic's clinician, or one not on the patient's care team,
 * does not exist for the reader.
 */
@RestController
class AvailabilityApiController {

	private final Hosts hosts;
	private final Schedules schedules;
	private final VisitTypes types;
	private final PatientDirectory patients;
	private final MessageSource messages;
	private final Clock clock;
	private final TransactionTemplate reading;

	AvailabilityApiController(Hosts hosts, Schedules schedules, VisitTypes types, PatientDirectory patients,
			MessageSource messages, Clock clock, PlatformTransactionManager transactions) {
		this.hosts = hosts;
		this.schedules = schedules;
		this.types = types;
		this.patients = patients;
		this.messages = messages;
		this.clock = clock;
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
	}

	/** What a kind's key can look like (a longer or stranger one is unknown without asking the database). */
	private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	record SlotJson(String startsAt, String endsAt) {}

	@GetMapping("/api/clinicians/{clinicianId}/availability")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	List<SlotJson> availability(@PathVariable UUID clinicianId, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String type) {

		// one transaction for every read of the answer (the clinic is bound once, not once a read), and
		// the connection given back before the times are written out
		var open = Objects.requireNonNull(reading.execute(status -> open(clinicianId, from, to, type)));
		var rules = open.zone().getRules();
		return open.slots().stream().map(it -> new SlotJson(iso(it.startsAt(), rules), iso(it.endsAt(), rules))).toList();
	}

	/** The open slots, and the zone the reader sees them in. */
	private record Open(List<Slot> slots, ZoneId zone) {}

	private Open open(UUID clinicianId, @Nullable String from, @Nullable String to, @Nullable String type) {

		var reader = CurrentUser.require();
		var staff = reader.hasAny(Role.THERAPIST, Role.COACH, Role.CLINIC_ADMIN);
		// a patient's question names one of their own clinicians: the care team answers it and gives
		// the patient's zone in one read; the clinician comes with the open times
		var host = staff ? hosts.find(clinicianId).orElseThrow(this::notFound) : null;
		var zone = staff ? Objects.requireNonNull(host).zone()
				: zoneOf(patients.findByUsernameCaredForBy(reader.username(), clinicianId).orElseThrow(this::notFound))
						.orElseGet(() -> hosts.find(clinicianId).orElseThrow(this::notFound).zone());

		var errors = new FieldErrors();
		var range = SlotRange.parse(from, to, zone, errors);
		if (range == null || type == null || !KEY.matcher(type.strip()).matches()) { // say all that is wrong, reading nothing more
			kind(type, host != null ? host : hosts.find(clinicianId).orElseThrow(this::notFound), !staff, errors);
			errors.throwIfAny();
		}
		range = Objects.requireNonNull(range);

		var now = clock.instant();
		var earliest = staff ? now : now.plus(Visits.PATIENT_LEAD);
		var horizon = now.plus(Visits.HORIZON);
		var until = range.to().isAfter(horizon) ? horizon : range.to();
		var offer = schedules.offer(clinicianId, Objects.requireNonNull(type).strip(), range.from(), until, earliest);
		if (offer.host() == null) {
			throw notFound(); // gone since the first read
		}
		VisitType.check(offer.type(), offer.host().kind(), !staff, errors);
		errors.throwIfAny();
		return new Open(offer.slots(), zone);
	}

	/**
	 * The instant on the reader's wall clock with its offset, as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
	 * writes it ({@code 2027-03-15T09:30:00-07:00}), for whole seconds. Written by hand: the
	 * formatter's general machinery showed in the benchmark's profile, two calls a slot.
	 */
	static String iso(Instant instant, ZoneRules rules) {
		var offset = rules.getOffset(instant);
		var local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset);
		var text = new StringBuilder(25).append(local.toLocalDate()).append('T');
		twoDigits(text, local.getHour()).append(':');
		twoDigits(text, local.getMinute()).append(':');
		return twoDigits(text, local.getSecond()).append(offset.getId()).toString();
	}

	private static StringBuilder twoDigits(StringBuilder text, int value) {
		return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}

	/** The kind of visit asked for, if the clinic holds it, this clinician holds it and the reader may book it. */
	private void kind(@Nullable String key, Host host, boolean patient, FieldErrors errors) {
		if (key == null || key.isBlank()) {
			errors.reject("type", "visits.api.type-required");
			return;
		}
		VisitType.check(types.all().stream().filter(it -> it.key().equals(key.strip())).findFirst().orElse(null),
				host.kind(), patient, errors);
	}

	/** The patient's own zone, if the record holds one Java knows. */
	private static Optional<ZoneId> zoneOf(PatientSummary patient) {
		try {
			return Optional.of(ZoneId.of(patient.timeZone()));
		} catch (DateTimeException unknown) {
			return Optional.empty();
		}
	}

	private ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND,
				messages.getMessage("visits.api.no-clinician", null, LocaleContextHolder.getLocale()));
	}
}
