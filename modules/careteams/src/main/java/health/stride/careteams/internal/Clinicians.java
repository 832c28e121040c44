package health.stride.careteams.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface Clinicians extends JpaRepository<Clinician, UUID> {

	Optional<Clinician> findByUsername(String username);
}
