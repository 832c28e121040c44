package health.stride.eligibility.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.stride.eligibility.SponsorCode;
import health.stride.eligibility.SponsorId;
import health.stride.eligibility.SponsorKind;
import health.stride.eligibility.SponsorManagement.DuplicateSponsorCode;
import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.platform.security.Role;
import health.stride.platform.security.StrideUser;

/** {@link SponsorManagement} on the module's own tables. */
@Service
@Transactional(readOnly = true)
class JdbcSponsorManagement implements SponsorManagement {

	private final Sponsors sponsors;
	private final JdbcClient jdbc;
	private final Clock clock;

	JdbcSponsorManagement(Sponsors sponsors, JdbcClient jdbc, Clock clock) {
		this.sponsors = sponsors;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	@Override
	public SponsorSummary register(SponsorCode code, String name, SponsorKind kind, @Nullable String contactName,
			@Nullable String contactEmail) {

		if (sponsors.findByCode(code.value()).isPresent()) {
			throw new DuplicateSponsorCode(code);
		}

		return sponsors.save(new Sponsor(code, name, kind, contactName, contactEmail, clock.instant())).summary();
	}

	/** Changes how a sponsor is described, and whether its members may still check coverage and sign up. */
	@Transactional
	@Override
	public SponsorSummary describe(SponsorCode code, String name, SponsorKind kind, @Nullable String contactName,
			@Nullable String contactEmail, boolean active) {

		var sponsor = sponsors.findByCode(code.value()).orElseThrow(() -> new IllegalArgumentException("No sponsor " + code));
		sponsor.describe(name, kind, contactName, contactEmail);
		sponsor.activate(active);

		return sponsors.save(sponsor).summary();
	}

	/** The members whose coverage includes the given day. */
	@Override
	public long coveredMembers(SponsorId sponsor, LocalDate day) {
		return jdbc.sql("""
				select count(*) from eligibility.member
				where sponsor_id = ? and coverage_start <= ? and (coverage_end is null or coverage_end >= ?)""")
				.params(sponsor.id(), java.sql.Date.valueOf(day), java.sql.Date.valueOf(day))
				.query(Long.class).single();
	}

	@Override
	public Optional<SponsorSummary> find(SponsorCode code) {
		return sponsors.findByCode(code.value()).map(Sponsor::summary);
	}

	@Override
	public Optional<SponsorSummary> find(SponsorId id) {
		return sponsors.findById(id.id()).map(Sponsor::summary);
	}

	@Override
	public List<SponsorSummary> all() {
		return sponsors.findAllByOrderByName().stream().map(Sponsor::summary).toList();
	}

	/** Lets a sponsor administrator (a Keycloak user of this clinic) act for one sponsor. */
	@Transactional
	@Override
	public void appointAdministrator(String username, SponsorCode code) {

		var sponsor = find(code).orElseThrow(() -> new IllegalArgumentException("No sponsor " + code));

		jdbc.sql("""
				insert into eligibility.sponsor_admin (username, sponsor_id)
				values (?, ?)
				on conflict (tenant_id, username) do update set sponsor_id = excluded.sponsor_id""")
				.params(username, sponsor.id().id())
				.update();
	}

	/** The sponsor a sponsor administrator acts for, if they have been appointed. */
	@Override
	public Optional<SponsorSummary> sponsorOf(String username) {
		return jdbc.sql("select s.code from eligibility.sponsor_admin a join eligibility.sponsor s "
				+ "on s.tenant_id = a.tenant_id and s.id = a.sponsor_id where a.username = ?")
				.param(username)
				.query(String.class)
				.optional()
				.flatMap(code -> find(new SponsorCode(code)));
	}

	/**
	 * The sponsor with this code, if the user may manage it: any sponsor of their clinic for a
	 * clinic administrator, their own sponsor for a sponsor administrator. Anything else looks
	 * exactly like a sponsor that does not exist.
	 */
	@Override
	public Optional<SponsorSummary> managedBy(StrideUser user, SponsorCode code) {

		if (user.has(Role.CLINIC_ADMIN)) {
			return find(code);
		}
		if (user.has(Role.SPONSOR_ADMIN)) {
			return sponsorOf(user.username()).filter(it -> it.code().equals(code));
		}
		return Optional.empty();
	}
}
