package health.stride.eligibility.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

public interface Sponsors extends ListCrudRepository<Sponsor, UUID> {

	Optional<Sponsor> findByCode(String code);

	List<Sponsor> findAllByOrderByName();
}
