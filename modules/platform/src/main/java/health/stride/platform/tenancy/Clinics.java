package health.stride.platform.tenancy;

import java.util.List;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

interface Clinics extends ListCrudRepository<Clinic, String> {

	List<Clinic> findAllByOrderByName();

	// the logo's bytes are read and written apart from the entity, which every page loads
	@Query(value = "select logo from platform.clinic where id = :id and logo is not null", nativeQuery = true)
	List<byte[]> findLogo(@Param("id") String id);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "update platform.clinic set logo = :logo, logo_type = :type where id = :id", nativeQuery = true)
	int changeLogo(@Param("id") String id, @Param("logo") byte[] logo, @Param("type") String type);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "update platform.clinic set logo = null, logo_type = null where id = :id", nativeQuery = true)
	int removeLogo(@Param("id") String id);
}
