package health.stride.fhir.internal;

import java.util.List;

import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * A page of search matches, the resources {@code _include} brought along, whether another page follows and,
 * when it is cheap to know, how many matched in all.
 */
record SearchResult(List<? extends Resource> matches, List<? extends Resource> included, boolean more,
		@Nullable Integer total) {

	SearchResult {
		matches = List.copyOf(matches);
		included = List.copyOf(included);
	}

	static SearchResult empty() {
		return new SearchResult(List.of(), List.of(), false, 0);
	}

	/**
	 * The page of {@code candidates} the search asks for, when the candidates are all of them already in
	 * order (a few per patient): {@code more} tells whether any is left after the page.
	 */
	static SearchResult page(List<? extends Resource> candidates, SearchRequest search) {
		var from = Math.min(search.offset(), candidates.size());
		var to = Math.min(from + search.count(), candidates.size());
		return new SearchResult(candidates.subList(from, to), List.of(), to < candidates.size(), candidates.size());
	}
}
