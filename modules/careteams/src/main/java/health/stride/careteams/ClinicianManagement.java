package health.stride.careteams;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.careteams.internal.Clinician;
import health.stride.careteams.internal.Clinicians;

/**
 * The therapists and coaches of the current clinic.
 */
@Service
@Transactional(readOnly = true)
public class ClinicianManagement {

	private final Clinicians clinicians;
	private final Clock clock;

	ClinicianManagement(Clinicians clinicians, Clock clock) {
		this.clinicians = clinicians;
		this.clock = clock;
	}

	@Transactional
	public ClinicianId add(String username, String displayName, ClinicianRole role,
			Collection<String> licensedStates) {
		return clinicians.save(new Clinician(username, displayName, role, licensedStates, clock.instant())).id();
	}

	public Optional<ClinicianSummary> find(ClinicianId id) {
		return clinicians.findById(id.id()).map(Clinician::summary);
	}

	public Optional<ClinicianSummary> findByUsername(String username) {
		return clinicians.findByUsername(username).map(Clinician::summary);
	}

	public List<ClinicianSummary> all() {
		return clinicians.findAll().stream().map(Clinician::summary).toList();
	}
}
