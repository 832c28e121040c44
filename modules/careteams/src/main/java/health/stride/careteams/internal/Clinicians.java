package health.stride.careteams.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

public interface Clinicians extends ListCrudRepository<Clinician, UUID> {

	Optional<Clinician> findByUsername(String username);
}
