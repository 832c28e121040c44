package health.stride.careteams.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import health.stride.careteams.ClinicianId;
import health.stride.careteams.ClinicianRole;
import health.stride.careteams.ClinicianSummary;

/**
 * A therapist or coach working for one clinic.
 */
@Entity
@Table(schema = "careteams", name = "clinician")
public class Clinician {

	private static final Pattern US_STATE = Pattern.compile("[A-Z]{2}");

	private @TenantId @Column(name = "tenant_id") String tenant;
	private @Id UUID id;
	private String username;
	@Column(name = "display_name")
	private String displayName;
	private @Enumerated(EnumType.STRING) ClinicianRole role;
	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(name = "licensed_states")
	private List<String> licensedStates;
	@Column(name = "created_at")
	private Instant createdAt;
	private @Version @Nullable Long version;

	public Clinician(String username, String displayName, ClinicianRole role, Collection<String> licensedStates,
			Instant createdAt) {

		Assert.hasText(username, "A clinician needs a username");
		Assert.hasText(displayName, "A clinician needs a name");

		this.id = UUID.randomUUID();
		this.username = username;
		this.displayName = displayName.strip();
		this.role = role;
		this.licensedStates = normalized(licensedStates);
		this.createdAt = createdAt;
	}

	@SuppressWarnings("NullAway.Init")
	protected Clinician() {}

	public ClinicianId id() {
		return new ClinicianId(id);
	}

	public ClinicianSummary summary() {
		return new ClinicianSummary(id(), username, displayName, role, new TreeSet<>(licensedStates));
	}

	private static List<String> normalized(Collection<String> states) {

		var result = new TreeSet<String>();

		for (var state : states) {
			var code = state.strip().toUpperCase(Locale.ROOT);
			Assert.isTrue(US_STATE.matcher(code).matches(), "A license state is a two-letter US state code");
			result.add(code);
		}

		return new ArrayList<>(result);
	}
}
