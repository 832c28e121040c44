package health.stride.platform.tenancy;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

interface Clinics extends ListCrudRepository<Clinic, String> {

	List<Clinic> findAllByOrderByName();
}
