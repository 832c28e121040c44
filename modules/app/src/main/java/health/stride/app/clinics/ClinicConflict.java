package health.stride.app.clinics;

/**
 * The new clinic's alias is taken (in the registry or in Keycloak), or its administrator's email
 * belongs to another account: nothing was created.
 *
 * @param field the field to correct: {@code alias} or {@code admin.email}
 */
class ClinicConflict extends RuntimeException {

	private final String field;

	ClinicConflict(String field) {
		super("The new clinic's " + field + " is taken");
		this.field = field;
	}

	String field() {
		return field;
	}

	/** The message code that tells the reader what to do. */
	String code() {
		return field.equals("alias") ? "app.clinics.alias.taken" : "app.clinics.admin.email.taken";
	}
}
