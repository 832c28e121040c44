package health.stride.careteams.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.ClinicianSummary;
import health.stride.careteams.License;

/**
 * A therapist or coach working for one clinic.
 */
@Entity
@Table(schema = "careteams", name = "clinician")
public class Clinician {

	private @TenantId @Column(name = "tenant_id") String tenant;
	private @Id UUID id;
	private String username;
	@Column(name = "display_name")
	private String displayName;
	private @Enumerated(EnumType.STRING) ClinicianRole role;
	@Column(name = "account_id")
	private @Nullable String accountId;
	private int capacity;
	private boolean active;
	@Column(name = "last_assigned_at")
	private @Nullable Instant lastAssignedAt;
	@Column(name = "created_at")
	private Instant createdAt;
	private @Version @Nullable Long version;

	public static final int DEFAULT_CAPACITY = 300;

	public Clinician(String username, String displayName, ClinicianRole role, Instant createdAt) {

		Assert.hasText(username, "A clinician needs a username");
		Assert.hasText(displayName, "A clinician needs a name");

		this.id = UUID.randomUUID();
		this.username = username;
		this.displayName = displayName.strip();
		this.role = role;
		this.capacity = DEFAULT_CAPACITY;
		this.active = true;
		this.createdAt = createdAt;
	}

	@SuppressWarnings("NullAway.Init")
	protected Clinician() {}

	public ClinicianId id() {
		return new ClinicianId(id);
	}

	public String username() {
		return username;
	}

	public String displayName() {
		return displayName;
	}

	public ClinicianRole role() {
		return role;
	}

	public boolean active() {
		return active;
	}

	public void rename(String name) {
		Assert.hasText(name, "A clinician needs a name");
		this.displayName = name.strip();
	}

	public void capacity(int patients) {
		Assert.isTrue(patients >= 0 && patients <= 2000, "A capacity is between 0 and 2000 patients");
		this.capacity = patients;
	}

	public void deactivate() {
		this.active = false;
	}

	public void account(String accountId) {
		this.accountId = accountId;
	}

	public @Nullable String accountId() {
		return accountId;
	}

	public void assigned(Instant at) {
		this.lastAssignedAt = at;
	}

	public ClinicianSummary summary(List<License> licenses, LocalDate today) {
		return new ClinicianSummary(id(), username, displayName, role,
				new TreeSet<>(licenses.stream().filter(it -> it.licensedIn(it.state(), today)).map(License::state).toList()),
				licenses,
				capacity, active);
	}
}
