package health.stride.patients.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

public interface Patients extends ListCrudRepository<Patient, UUID> {

	Optional<Patient> findByUsername(String username);
}
