package health.stride.fhir.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import ca.uhn.fhir.context.FhirContext;
import health.stride.patients.PatientId;

/**
 * The FHIR R4 REST API under {@code /fhir}: read, search, history and {@code Patient/$everything}, in JSON.
 * Who may read what is decided per request from the token's SMART scope ({@link Requesters}) and per patient
 * ({@link PatientAccess}); anything out of reach, another clinic's ids among them, is a 404.
 */
@RestController
@RequestMapping("/fhir")
class FhirController {

	static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

	/** Who may call the resource routes at all; the scope and the patient decide the rest. */
	static final String READERS = "hasAnyRole('PATIENT', 'THERAPIST', 'COACH', 'CLINIC_ADMIN') or hasAuthority('SCOPE_system/*.read')";

	private static final Logger log = LoggerFactory.getLogger(FhirController.class);
	/** NUL and the other control characters, which no search value needs (PostgreSQL refuses NUL outright). */
	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cc}");
	/** The longest search value Stride reads: longer than any identifier, code list or date it searches by. */
	private static final int MAX_VALUE = 2_000;
	private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_:.\\-]{1,64}");

	private final FhirContext fhir;
	private final Requesters requesters;
	private final FhirResources resources;
	private final Everything everything;
	private final CapabilityStatements capabilities;
	private final MessageSource messages;

	FhirController(FhirContext fhir, Requesters requesters, FhirResources resources, Everything everything,
			CapabilityStatements capabilities, MessageSource messages) {
		this.fhir = fhir;
		this.requesters = requesters;
		this.resources = resources;
		this.everything = everything;
		this.capabilities = capabilities;
		this.messages = messages;
	}

	@GetMapping("/metadata")
	@PreAuthorize("permitAll()")
	ResponseEntity<String> metadata() {
		return respond(capabilities.statement(base()));
	}

	@GetMapping("/{type}/{id}")
	@PreAuthorize(READERS)
	ResponseEntity<String> read(@PathVariable String type, @PathVariable String id, Authentication authentication) {
		var provider = resources.of(type);
		var requester = requesters.of(authentication);
		if (!Ids.isFhirId(id)) {
			throw FhirProblem.notFound();
		}
		return respond(provider.read(id, requester).orElseThrow(FhirProblem::notFound));
	}

	@GetMapping("/{type}")
	@PreAuthorize(READERS)
	ResponseEntity<String> search(@PathVariable String type, @RequestParam MultiValueMap<String, String> parameters,
			Authentication authentication) {
		var provider = resources.of(type);
		var requester = requesters.of(authentication);
		var search = searchRequest(provider, parameters);
		var result = provider.search(search, requester);
		return respond(Bundles.searchSet(base(), ServletUriComponentsBuilder.fromCurrentRequest(), search, result));
	}

	@GetMapping("/{type}/{id}/_history")
	@PreAuthorize(READERS)
	ResponseEntity<String> history(@PathVariable String type, @PathVariable String id, Authentication authentication) {
		var provider = resources.of(type);
		var requester = requesters.of(authentication);
		if (!provider.versioned()) {
			throw FhirProblem.notSupported("fhir.problem.history");
		}
		var versions = Ids.isFhirId(id) ? provider.history(id, requester) : List.<Resource> of();
		if (versions.isEmpty()) {
			throw FhirProblem.notFound();
		}
		return respond(Bundles.history(base(), ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString(),
				versions));
	}

	@GetMapping("/{type}/{id}/_history/{versionId}")
	@PreAuthorize(READERS)
	ResponseEntity<String> version(@PathVariable String type, @PathVariable String id, @PathVariable String versionId,
			Authentication authentication) {
		var provider = resources.of(type);
		var requester = requesters.of(authentication);
		if (!provider.versioned()) {
			throw FhirProblem.notSupported("fhir.problem.history");
		}
		if (!Ids.isFhirId(id) || !Ids.isFhirId(versionId)) {
			throw FhirProblem.notFound();
		}
		return respond(provider.version(id, versionId, requester).orElseThrow(FhirProblem::notFound));
	}

	@GetMapping("/Patient/{id}/$everything")
	@PreAuthorize(READERS)
	ResponseEntity<String> everything(@PathVariable String id, Authentication authentication) {
		var requester = requesters.of(authentication);
		var patient = Ids.uuid(id).map(PatientId::new).orElseThrow(FhirProblem::notFound);
		var record = everything.of(patient, requester).orElseThrow(FhirProblem::notFound);
		return respond(Bundles.everything(base(), ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString(),
				record));
	}

	private SearchRequest searchRequest(ResourceProvider<?> provider, MultiValueMap<String, String> given) {

		var parameters = new HashMap<String, String>();
		var includes = new HashSet<String>();
		for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
			var name = parameter.getKey();
			if (name.equals("_include")) {
				if (parameter.getValue().stream().anyMatch(it -> CONTROL_CHARACTERS.matcher(it).find() || it.length() > MAX_VALUE)) {
					throw FhirProblem.invalid("fhir.problem.control");
				}
				for (var include : parameter.getValue()) {
					if (!provider.includes().contains(include)) {
						throw FhirProblem.notSupported("fhir.problem.include");
					}
					includes.add(include);
				}
				continue;
			}
			if (!provider.searchParameters().contains(name) && !SearchRequest.CONTROL.contains(name)) {
				throw PARAMETER_NAME.matcher(name).matches() ? FhirProblem.notSupported("fhir.problem.parameter", name)
						: FhirProblem.notSupported("fhir.problem.parameter-unreadable");
			}
			if (parameter.getValue().size() != 1) {
				throw FhirProblem.notSupported("fhir.problem.repeated");
			}
			if (CONTROL_CHARACTERS.matcher(parameter.getValue().getFirst()).find()
					|| parameter.getValue().getFirst().length() > MAX_VALUE) {
				throw FhirProblem.invalid("fhir.problem.control");
			}
			parameters.put(name, parameter.getValue().getFirst());
		}

		var format = parameters.remove("_format");
		if (format != null && !List.of("json", "application/json", "application/fhir+json").contains(format)) {
			throw FhirProblem.notSupported("fhir.problem.format");
		}
		var count = number(parameters.remove("_count"), SearchRequest.DEFAULT_COUNT);
		var offset = number(parameters.remove("_offset"), 0);
		if (count < 1 || count > SearchRequest.MAX_COUNT || offset < 0 || offset > SearchRequest.MAX_OFFSET) {
			throw FhirProblem.invalid("fhir.problem.paging", SearchRequest.MAX_COUNT, SearchRequest.MAX_OFFSET);
		}
		var sort = parameters.remove("_sort");
		if (sort != null && !provider.sortParameters().contains(sort)) {
			throw FhirProblem.notSupported("fhir.problem.sort");
		}
		return new SearchRequest(parameters, count, offset, sort, includes);
	}

	private static int number(String value, int otherwise) {
		if (value == null) {
			return otherwise;
		}
		if (!value.matches("\\d{1,7}")) {
			throw FhirProblem.invalid("fhir.problem.paging", SearchRequest.MAX_COUNT, SearchRequest.MAX_OFFSET);
		}
		return Integer.parseInt(value);
	}

	@ExceptionHandler
	ResponseEntity<String> refused(FhirProblem problem) {
		return outcome(problem.status(), problem.type(), messages.getMessage(problem.code(), problem.arguments(),
				LocaleContextHolder.getLocale()));
	}

	@ExceptionHandler
	ResponseEntity<String> failed(RuntimeException failure) {
		if (failure instanceof org.springframework.security.access.AccessDeniedException denied) {
			throw denied; // the security filters answer these
		}
		// by class only: a message may quote stored values
		log.error("FHIR request failed with {}", failure.getClass().getName());
		return outcome(HttpStatus.INTERNAL_SERVER_ERROR, IssueType.EXCEPTION,
				messages.getMessage("fhir.problem.failed", null, LocaleContextHolder.getLocale()));
	}

	private ResponseEntity<String> outcome(HttpStatus status, IssueType type, String text) {
		var outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(text);
		return ResponseEntity.status(status).contentType(FHIR_JSON).body(fhir.newJsonParser().encodeResourceToString(outcome));
	}

	private ResponseEntity<String> respond(Resource resource) {
		return ResponseEntity.ok().contentType(FHIR_JSON).body(fhir.newJsonParser().encodeResourceToString(resource));
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").build().toUriString();
	}

}
