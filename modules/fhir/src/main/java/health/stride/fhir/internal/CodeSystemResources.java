package health.stride.fhir.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.stereotype.Component;

/**
 * {@code CodeSystem}: Stride's own codes, those its observations use where LOINC has no term. They describe
 * no patient, so any requester of the clinic reads them, unaudited.
 */
@Component
class CodeSystemResources implements ResourceProvider<CodeSystem> {

	@Override
	public ResourceType type() {
		return ResourceType.CodeSystem;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("url", "_id");
	}

	@Override
	public Optional<CodeSystem> read(String id, Requester requester) {
		return ObservationCodes.CODE_SYSTEM_ID.equals(id) ? Optional.of(ObservationCodes.codeSystem()) : Optional.empty();
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		var matches = search.value("url").map(it -> it.equals(ObservationCodes.CODE_SYSTEM_URL)
				|| it.equals(ObservationCodes.CODE_SYSTEM_URL + "|" + ObservationCodes.CODE_SYSTEM_VERSION)).orElse(true)
				&& search.value("_id").map(ObservationCodes.CODE_SYSTEM_ID::equals).orElse(true);
		return SearchResult.page(matches ? List.of(ObservationCodes.codeSystem()) : List.of(), search);
	}
}
