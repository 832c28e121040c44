package health.stride.patients;

import org.jspecify.annotations.Nullable;

import health.stride.platform.i18n.Language;

/**
 * Who a patient is and how to reach them, for a reader whose access the caller decided and audited (the
 * FHIR API): the summary, their email and phone, and the language they chose to read Stride in (none if
 * they never chose, e.g. a patient the clinic registered).
 */
public record PatientDemographics(PatientSummary summary, String email, @Nullable String phone,
		@Nullable Language language) {

	public PatientId id() {
		return summary.id();
	}

	@Override
	public String toString() {
		return "PatientDemographics[id=" + summary.id() + "]"; // no personal details in logs
	}
}
