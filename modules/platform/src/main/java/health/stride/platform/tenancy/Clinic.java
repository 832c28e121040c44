package health.stride.platform.tenancy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

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

	private @Transient boolean persisted;

	Clinic(TenantId id, String name, Instant createdAt) {
		this.id = id.value();
		this.name = name;
		this.createdAt = createdAt;
	}

	@SuppressWarnings("NullAway.Init")
	protected Clinic() {}

	public TenantId tenant() {
		return TenantId.of(id);
	}

	public String name() {
		return name;
	}

	public Instant createdAt() {
		return createdAt;
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
