package health.stride.fhir.internal;

import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.web.util.UriComponentsBuilder;

/** Search-set bundles: each entry with its full URL and search mode, and the links to page on. */
final class Bundles {

	private Bundles() {
	}

	/**
	 * The page of a search as a {@code searchset}: {@code self} is the search as asked, {@code next} the same
	 * search from the following page when there is one.
	 */
	static Bundle searchSet(String base, UriComponentsBuilder request, SearchRequest search, SearchResult result) {

		var bundle = new Bundle().setType(BundleType.SEARCHSET);
		if (result.total() != null) {
			bundle.setTotal(result.total());
		}
		bundle.addLink().setRelation("self").setUrl(request.build().toUriString());
		if (result.more()) {
			bundle.addLink().setRelation("next").setUrl(request.cloneBuilder()
					.replaceQueryParam("_offset", search.offset() + search.count())
					.replaceQueryParam("_count", search.count())
					.build().toUriString());
		}
		add(bundle, base, result.matches(), SearchEntryMode.MATCH);
		add(bundle, base, result.included(), SearchEntryMode.INCLUDE);
		return bundle;
	}

	/** Every resource of a patient's record in one {@code searchset}, as {@code $everything} answers. */
	static Bundle everything(String base, String self, List<? extends Resource> resources) {
		var bundle = new Bundle().setType(BundleType.SEARCHSET).setTotal(resources.size());
		bundle.addLink().setRelation("self").setUrl(self);
		add(bundle, base, resources, SearchEntryMode.MATCH);
		return bundle;
	}

	/** A resource's versions, newest first, as a {@code history} bundle. */
	static Bundle history(String base, String self, List<? extends Resource> versions) {
		var bundle = new Bundle().setType(BundleType.HISTORY).setTotal(versions.size());
		bundle.addLink().setRelation("self").setUrl(self);
		for (var version : versions) {
			var entry = bundle.addEntry().setFullUrl(fullUrl(base, version)).setResource(version);
			entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(version.fhirType() + "/" + version.getIdElement().getIdPart());
			entry.getResponse().setStatus("200 OK");
		}
		return bundle;
	}

	private static void add(Bundle bundle, String base, List<? extends Resource> resources, SearchEntryMode mode) {
		for (var resource : resources) {
			bundle.addEntry().setFullUrl(fullUrl(base, resource)).setResource(resource).getSearch().setMode(mode);
		}
	}

	static String fullUrl(String base, Resource resource) {
		return base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}
}
