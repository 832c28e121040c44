package health.stride.fhir.internal;

import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code Questionnaire}: the intake and the PSFS as Stride asks them ({@code intake}, {@code psfs}), in the
 * reader's language. They hold no patient's data, so anyone who may read the clinic's FHIR API reads them, and
 * nothing is audited.
 */
@Component
class QuestionnaireResources implements ResourceProvider<Questionnaire> {

	private final Questionnaires questionnaires;

	QuestionnaireResources(Questionnaires questionnaires) {
		this.questionnaires = questionnaires;
	}

	@Override
	public ResourceType type() {
		return ResourceType.Questionnaire;
	}

	@Override
	public Set<String> searchParameters() {
		return Set.of("_id", "url", "name");
	}

	@Override
	public Optional<Questionnaire> read(String id, Requester requester) {
		return questionnaires.find(id, LocaleContextHolder.getLocale());
	}

	@Override
	public SearchResult search(SearchRequest search, Requester requester) {
		var found = questionnaires.all(LocaleContextHolder.getLocale()).stream()
				.filter(it -> search.value("_id").map(id -> id.equals(it.getIdElement().getIdPart())).orElse(true))
				.filter(it -> search.value("url").map(url -> url.equals(it.getUrl())
						|| url.equals(it.getUrl() + "|" + it.getVersion())).orElse(true))
				.filter(it -> search.value("name").map(name -> it.getName().toLowerCase(java.util.Locale.ROOT)
						.startsWith(name.toLowerCase(java.util.Locale.ROOT))).orElse(true))
				.toList();
		return SearchResult.page(found, search);
	}
}
