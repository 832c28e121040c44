package health.stride.patients;

/** Who pays for a patient's care. */
public enum PaymentMethod {
	/** The patient pays themselves. */
	SELF_PAY,
	/** The patient's health insurance, named by the clinic. */
	INSURANCE,
	/** One of the clinic's sponsors (an employer or health plan) whose roster covers the patient. */
	SPONSOR
}
