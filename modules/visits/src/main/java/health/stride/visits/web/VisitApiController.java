package health.stride.visits.web;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientId;
import health.stride.platform.audit.AuditTrail;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;
import health.stride.platform.validation.FieldErrors;
import health.stride.visits.Hosts;
import health.stride.visits.Visit;
import health.stride.visits.VisitId;
import health.stride.visits.Visits;

/**
 * Visits over the API. A patient books for themself (a {@code patientId} may only name them); staff
 * name the patient. What {@link Visits} refuses is answered by the application's problem advice:
 * 404 for what the caller may not see, 409 for a time that is gone or a visit no longer booked.
 */
@RestController
class VisitApiController {

	private final Visits visits;
	private final Hosts hosts;
	private final PatientDirectory patients;
	private final AuditTrail audit;

	VisitApiController(Visits visits, Hosts hosts, PatientDirectory patients, AuditTrail audit) {
		this.visits = visits;
		this.hosts = hosts;
		this.patients = patients;
		this.audit = audit;
	}

	record BookingRequest(@Nullable UUID clinicianId, @Nullable String type, @Nullable OffsetDateTime startsAt,
			@Nullable UUID patientId) {

		/** Refuses missing fields; the rest of the rules are the booking's. */
		void check() {
			var errors = new FieldErrors();
			if (clinicianId == null) {
				errors.reject("clinicianId", "visits.api.clinician-required");
			}
			if (type == null || type.isBlank()) {
				errors.reject("type", "visits.api.type-required");
			} else if (type.length() > 40) {
				errors.reject("type", "visits.booking.unknown-type");
			}
			if (startsAt == null) {
				errors.reject("startsAt", "visits.api.time-required");
			}
			errors.throwIfAny();
		}
	}

	record RescheduleRequest(@Nullable OffsetDateTime startsAt) {

		Instant at() {
			if (startsAt == null) {
				new FieldErrors().reject("startsAt", "visits.api.time-required").throwIfAny();
			}
			return java.util.Objects.requireNonNull(startsAt).toInstant();
		}
	}

	/** The reason's own limits are checked by {@link Visits#cancel}. */
	record CancellationRequest(@Nullable String reason) {}

	record Booked(String visitId) {}

	record VisitJson(String visitId, String patientId, String clinicianId, String type, OffsetDateTime startsAt,
			OffsetDateTime endsAt, String status) {

		static VisitJson of(Visit visit, ZoneId zone) {
			return new VisitJson(visit.id().toString(), visit.patient().toString(), visit.clinicianId().toString(),
					visit.type(), visit.startsAt().atZone(zone).toOffsetDateTime(),
					visit.endsAt().atZone(zone).toOffsetDateTime(), visit.status().name());
		}
	}

	@PostMapping("/api/visits")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	ResponseEntity<Booked> book(@RequestBody BookingRequest request) {
		request.check();
		var user = CurrentUser.require();
		var patient = patientFor(user, request.patientId());
		var id = visits.book(user, patient, java.util.Objects.requireNonNull(request.clinicianId()),
				java.util.Objects.requireNonNull(request.type()),
				java.util.Objects.requireNonNull(request.startsAt()).toInstant());
		return ResponseEntity.created(URI.create("/api/visits/" + id)).body(new Booked(id.toString()));
	}

	@GetMapping("/api/visits/{visitId}")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	VisitJson visit(@PathVariable UUID visitId) {
		var user = CurrentUser.require();
		var visit = visits.find(user, new VisitId(visitId)).orElseThrow(Visits.NotFound::new);
		audit.recordListView("visit", List.of(visit.patient().id()));
		return VisitJson.of(visit, zoneOf(user, visit));
	}

	@GetMapping("/api/me/visits")
	@PreAuthorize("hasRole('PATIENT')")
	List<VisitJson> mine() {
		var me = patients.findByUsername(CurrentUser.require().username()).orElseThrow(Visits.NotFound::new);
		var zone = VisitViews.zone(me.timeZone());
		var list = visits.ofPatient(me.id());
		audit.recordListView("visits", List.of(me.id().id()));
		return list.stream().map(it -> VisitJson.of(it, zone)).toList();
	}

	@PostMapping("/api/visits/{visitId}/cancellation")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	ResponseEntity<Void> cancel(@PathVariable UUID visitId, @RequestBody CancellationRequest request) {
		visits.cancel(CurrentUser.require(), new VisitId(visitId), request.reason());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/visits/{visitId}/reschedule")
	@PreAuthorize("hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN')")
	Booked reschedule(@PathVariable UUID visitId, @RequestBody RescheduleRequest request) {
		visits.reschedule(CurrentUser.require(), new VisitId(visitId), request.at());
		return new Booked(visitId.toString());
	}

	/** A patient books for themself; staff must say for whom. */
	private PatientId patientFor(StrideUser user, @Nullable UUID patientId) {
		if (user.has(Role.PATIENT)) {
			var me = patients.findByUsername(user.username()).orElseThrow(Visits.NotFound::new);
			if (patientId != null && !patientId.equals(me.id().id())) {
				throw new Visits.NotFound();
			}
			return me.id();
		}
		if (patientId == null) {
			new FieldErrors().reject("patientId", "visits.api.patient-required").throwIfAny();
		}
		return new PatientId(java.util.Objects.requireNonNull(patientId));
	}

	/** The patient reads times in their zone; staff in the clinician's. */
	private ZoneId zoneOf(StrideUser user, Visit visit) {
		if (user.has(Role.PATIENT)) {
			return patients.find(visit.patient()).map(it -> VisitViews.zone(it.timeZone())).orElse(ZoneId.of("UTC"));
		}
		return hosts.find(visit.clinicianId()).map(it -> it.zone()).orElse(ZoneId.of("UTC"));
	}
}
