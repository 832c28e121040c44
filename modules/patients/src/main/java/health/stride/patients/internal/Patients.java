package health.stride.patients.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.repository.ListCrudRepository;

public interface Patients extends ListCrudRepository<Patient, UUID> {

	Optional<Patient> findByUsername(String username);

	/** The patient, if the clinician is on their care team and has not left the clinic (as {@code JdbcCareTeams} reads it). */
	@NativeQuery("""
			select p.* from patients.patient p
			where p.username = :username
			  and exists (select 1 from patients.care_team t where t.patient_id = p.id
			              and (t.therapist_id = :clinician
			                   and not exists (select 1 from patients.departed_clinician d where d.username = t.therapist_username)
			                or t.coach_id = :clinician
			                   and not exists (select 1 from patients.departed_clinician d where d.username = t.coach_username)))""")
	Optional<Patient> findByUsernameCaredForBy(String username, UUID clinician);
}
