package health.stride.fhir.internal;

/**
 * Why a clinic administrator exports a patient's record: the code kept in the audit trail, and the words
 * the export page shows ({@code fhir.export.reason.<code>}).
 */
public enum ExportReason {

	/** The patient asked the clinic for a copy of their record (their right under HIPAA). */
	PATIENT_REQUEST("patient-request"),

	/** Another provider takes over the patient's care. */
	TRANSFER_OF_CARE("transfer-of-care"),

	/** A subpoena, a court order or another request the law obliges the clinic to answer. */
	LEGAL_REQUEST("legal-request"),

	/** The patient's health plan or sponsor asks for the record of the care it pays for. */
	PAYER_REQUEST("payer-request");

	private final String code;

	ExportReason(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
