package health.stride.careteams.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.License;
import health.stride.careteams.LicenseKind;

/** The clinic's licenses and compact privileges, one per clinician and state. */
@Repository
public class LicenseRecords {

	private final JdbcClient jdbc;

	LicenseRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a license or compact privilege, replacing the one the clinician had for that state. */
	public void save(ClinicianId clinician, License license) {
		jdbc.sql("""
				insert into careteams.license (clinician_id, state, kind, number, expires_on)
				values (?, ?, ?, ?, ?)
				on conflict (tenant_id, clinician_id, state) do update
				set kind = excluded.kind, number = excluded.number, expires_on = excluded.expires_on""")
				.params(clinician.id(), license.state(), license.kind().name(), license.number(),
						java.sql.Date.valueOf(license.expiresOn()))
				.update();
	}

	public void remove(ClinicianId clinician, String state) {
		jdbc.sql("delete from careteams.license where clinician_id = ? and state = ?").params(clinician.id(), state)
				.update();
	}

	@Transactional(readOnly = true)
	public List<License> of(UUID clinician) {
		return jdbc.sql("select state, kind, number, expires_on from careteams.license where clinician_id = ? order by state")
				.param(clinician)
				.query((row, number) -> new License(row.getString(1), LicenseKind.valueOf(row.getString(2)),
						row.getString(3), row.getDate(4).toLocalDate()))
				.list();
	}

	/** The license rule as SQL answers it (the same as {@link License#licensedIn} answers it in Java). */
	@Transactional(readOnly = true)
	public boolean licensed(ClinicianId clinician, String state, LocalDate day) {
		return jdbc.sql("select careteams.licensed(?, ?, ?)").params(clinician.id(), state, java.sql.Date.valueOf(day))
				.query(Boolean.class).single();
	}
}
