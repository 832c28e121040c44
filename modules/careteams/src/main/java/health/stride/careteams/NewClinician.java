package health.stride.careteams;

import java.util.List;


/** A therapist or coach a clinic administrator invites, with the licenses known so far. */
public record NewClinician(String username, String email, String firstName, String lastName, ClinicianRole role,
		int capacity, List<License> licenses) {

	public NewClinician {
		licenses = List.copyOf(licenses);
	}

	public String displayName() {
		return role == ClinicianRole.THERAPIST ? firstName + " " + lastName + ", PT" : firstName + " " + lastName;
	}

}
