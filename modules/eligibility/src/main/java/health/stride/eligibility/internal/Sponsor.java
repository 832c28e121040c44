package health.stride.eligibility.internal;

import java.time.Instant;
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

import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorSummary;

/** An employer or health plan paying for its members' care at one clinic. */
@Entity
@Table(schema = "eligibility", name = "sponsor")
public class Sponsor {

	private @TenantId @Column(name = "tenant_id") String tenant;
	private @Id UUID id;
	private String code;
	private String name;
	private @Enumerated(EnumType.STRING) SponsorKind kind;
	@Column(name = "contact_name")
	private @Nullable String contactName;
	@Column(name = "contact_email")
	private @Nullable String contactEmail;
	private boolean active;
	@Column(name = "created_at")
	private Instant createdAt;
	private @Version @Nullable Long version;

	public Sponsor(SponsorCode code, String name, SponsorKind kind, @Nullable String contactName,
			@Nullable String contactEmail, Instant createdAt) {

		this.id = UUID.randomUUID();
		this.code = code.value();
		this.createdAt = createdAt;
		this.active = true;
		describe(name, kind, contactName, contactEmail);
	}

	@SuppressWarnings("NullAway.Init")
	protected Sponsor() {}

	public void describe(String name, SponsorKind kind, @Nullable String contactName, @Nullable String contactEmail) {

		Assert.hasText(name, "A sponsor needs a name");

		this.name = name.strip();
		this.kind = kind;
		this.contactName = contactName == null || contactName.isBlank() ? null : contactName.strip();
		this.contactEmail = contactEmail == null || contactEmail.isBlank() ? null : contactEmail.strip();
	}

	public void activate(boolean active) {
		this.active = active;
	}

	public SponsorId id() {
		return new SponsorId(id);
	}

	public SponsorSummary summary() {
		return new SponsorSummary(id(), new SponsorCode(code), name, kind, contactName, contactEmail, active);
	}
}
