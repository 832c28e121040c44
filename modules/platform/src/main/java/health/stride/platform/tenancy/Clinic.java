package health.stride.platform.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * A clinic registered with Stride: the tenant that owns its clinicians, patients and plans.
 */
@Entity
@Table(schema = "platform", name = "clinic")
public class Clinic implements Persistable<String> {

	private @Id String id;
	private String name;
	@Column(name = "created_at")
	private Instant createdAt;
	@Column(name = "time_zone")
	private String timeZone = "America/Los_Angeles";
	@JdbcTypeCode(SqlTypes.ARRAY)
	private String[] states = {};
	@Column(name = "support_phone")
	private @Nullable String supportPhone;
	@Column(name = "support_email")
	private @Nullable String supportEmail;
	@Column(name = "logo_type")
	private @Nullable String logoType;
	@Column(name = "coverage_grace_days")
	private short coverageGraceDays = 30;
	@Column(name = "suspended_at")
	private @Nullable Instant suspendedAt;

	private @Transient boolean persisted;

	Clinic(TenantId id, String name, Instant createdAt) {
		this.id = id.value();
		this.name = name;
		this.createdAt = createdAt;
	}

	Clinic(TenantId id, String name, ZoneId timeZone, List<String> states, Instant createdAt) {
		this(id, name, createdAt);
		this.timeZone = timeZone.getId();
		this.states = states.stream().distinct().sorted().toArray(String[]::new);
	}

	@SuppressWarnings("NullAway.Init")
	protected Clinic() {}

	/** Pauses the clinic's access; its data stays. Already suspended: keeps the first time. */
	boolean suspend(Instant at) {
		if (suspendedAt != null) {
			return false;
		}
		suspendedAt = at;
		return true;
	}

	/** Restores the clinic's access. */
	boolean reactivate() {
		if (suspendedAt == null) {
			return false;
		}
		suspendedAt = null;
		return true;
	}

	public TenantId tenant() {
		return TenantId.of(id);
	}

	public String name() {
		return name;
	}

	public Instant createdAt() {
		return createdAt;
	}

	/** The clinic's time zone, for its staff pages and its default for patients. */
	public ZoneId timeZone() {
		return ZoneId.of(timeZone);
	}

	/** The US states the clinic serves (two-letter codes), sorted. */
	public List<String> states() {
		return Arrays.stream(states).sorted().toList();
	}

	public Optional<String> supportPhone() {
		return Optional.ofNullable(supportPhone);
	}

	public Optional<String> supportEmail() {
		return Optional.ofNullable(supportEmail);
	}

	/** Whether the clinic has a logo (its bytes are read apart, only where shown). */
	public boolean hasLogo() {
		return logoType != null;
	}

	/**
	 * How long a patient whose sponsored coverage ended keeps full use of the portal before it
	 * becomes read-only (unless the clinic switched them to another payer).
	 */
	public Duration coverageGracePeriod() {
		return Duration.ofDays(coverageGraceDays);
	}

	/** The logo's media type ({@link ClinicLogo#PNG} or {@link ClinicLogo#SVG}), if it has one. */
	public Optional<String> logoType() {
		return Optional.ofNullable(logoType);
	}

	/** When the clinic's access was paused, if it is. */
	public Optional<Instant> suspendedAt() {
		return Optional.ofNullable(suspendedAt);
	}

	public boolean isSuspended() {
		return suspendedAt != null;
	}

	/** Changes what the clinic's settings page describes; the caller checked each value. */
	void describe(ClinicSettings settings) {
		this.name = settings.name();
		this.timeZone = settings.timeZone().getId();
		this.states = settings.states().stream().sorted().distinct().toArray(String[]::new);
		this.supportPhone = settings.supportPhone();
		this.supportEmail = settings.supportEmail();
		this.coverageGraceDays = (short) settings.coverageGraceDays();
	}

	@Override
	public String getId() {
		return id;
	}

	@Override
	public boolean isNew() {
		return !persisted;
	}

	@PostLoad
	@PostPersist
	void markPersisted() {
		this.persisted = true;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Clinic clinic && id.equals(clinic.id);
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}
}
