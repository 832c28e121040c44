package health.stride.fhir.web;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import health.stride.fhir.internal.ExportReason;

/** Why a clinic administrator exports a patient's record: nothing is exported without it. */
record ExportForm(@NotNull(message = "{fhir.export.reason.required}") @Nullable ExportReason reason) {

	static ExportForm empty() {
		return new ExportForm(null);
	}
}
