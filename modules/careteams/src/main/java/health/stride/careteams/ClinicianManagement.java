package health.stride.careteams;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.careteams.internal.Clinician;
import health.stride.careteams.internal.Clinicians;

/**
 * The therapists and coaches of the current clinic, with their licenses and how many patients
 * each takes on.
 */
@Service
@Transactional(readOnly = true)
public class ClinicianManagement {

	private final Clinicians clinicians;
	private final JdbcClient jdbc;
	private final Clock clock;

	ClinicianManagement(Clinicians clinicians, JdbcClient jdbc, Clock clock) {
		this.clinicians = clinicians;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public ClinicianId add(String username, String displayName, ClinicianRole role, Collection<License> licenses) {

		var clinician = clinicians.saveAndFlush(new Clinician(username, displayName, role, clock.instant()));
		licenses.forEach(license -> license(clinician.id(), license));
		return clinician.id();
	}

	/** Records a license or compact privilege, replacing the one the clinician had for that state. */
	@Transactional
	public void license(ClinicianId clinician, License license) {
		jdbc.sql("""
				insert into careteams.license (tenant_id, clinician_id, state, kind, number, expires_on)
				values (current_setting('stride.tenant_id', true), ?, ?, ?, ?, ?)
				on conflict (tenant_id, clinician_id, state) do update
				set kind = excluded.kind, number = excluded.number, expires_on = excluded.expires_on""")
				.params(clinician.id(), license.state(), license.kind().name(), license.number(),
						java.sql.Date.valueOf(license.expiresOn()))
				.update();
	}

	@Transactional
	public void removeLicense(ClinicianId clinician, String state) {
		jdbc.sql("delete from careteams.license where clinician_id = ? and state = ?").params(clinician.id(), state)
				.update();
	}

	@Transactional
	public void capacity(ClinicianId clinician, int patients) {
		clinicians.findById(clinician.id()).orElseThrow().capacity(patients);
	}

	public Optional<ClinicianSummary> find(ClinicianId id) {
		return clinicians.findById(id.id()).map(this::summary);
	}

	public Optional<ClinicianSummary> findByUsername(String username) {
		return clinicians.findByUsername(username).map(this::summary);
	}

	public List<ClinicianSummary> all() {
		return clinicians.findAll().stream().map(this::summary)
				.sorted(java.util.Comparator.comparing(ClinicianSummary::displayName)).toList();
	}

	private ClinicianSummary summary(Clinician clinician) {
		return clinician.summary(licensesOf(clinician.id().id()), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
	}

	private List<License> licensesOf(UUID clinician) {
		return jdbc.sql("select state, kind, number, expires_on from careteams.license where clinician_id = ? order by state")
				.param(clinician)
				.query((row, number) -> new License(row.getString(1), LicenseKind.valueOf(row.getString(2)),
						row.getString(3), row.getDate(4).toLocalDate()))
				.list();
	}
}
