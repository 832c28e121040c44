package health.stride.app.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.patients.CoverageEnd;
import health.stride.patients.PatientDirectory;
import health.stride.patients.PatientRecord;

/**
 * What the portal says about a sponsored cover that ends: the patient's own page, so the sponsor and
 * the dates are shown. Nothing once the clinic moved the patient to another payer.
 *
 * @param stage a {@link CoverageEnd.Stage} name, for the message key
 * @param sponsor the sponsor's name, or null when it is not known any more
 */
record CoverageNote(String stage, @Nullable String sponsor, String endsOn) {

	@Component
	static class Notes {

		private final PatientDirectory directory;
		private final SponsorManagement sponsors;

		Notes(PatientDirectory directory, SponsorManagement sponsors) {
			this.directory = directory;
			this.sponsors = sponsors;
		}

		Optional<CoverageNote> of(PatientRecord record, Locale locale) {
			var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
			return directory.coverageEnd(record.id()).filter(CoverageEnd::sponsored)
					.map(end -> new CoverageNote(end.stage().name(), sponsorOf(record), day.format(end.endsOn())));
		}

		private @Nullable String sponsorOf(PatientRecord record) {
			var sponsor = record.sponsorId();
			return sponsor == null ? null : sponsors.find(new SponsorId(sponsor)).map(SponsorSummary::name).orElse(null);
		}
	}
}
