package health.stride.app;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import health.stride.eligibility.SponsorCode;

/**
 * A made-up but plausible roster for a demo sponsor: the same members every time (seeded), with
 * the demo patients among them so they can check their coverage.
 */
final class DemoRoster {

	private static final List<String> FIRST = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sofia",
			"Mateo", "Amara", "Kenji", "Fatima", "Diego", "Hannah", "Tariq", "Grace", "Arjun", "Mei", "Lucas", "Zoë",
			"José", "Aaliyah", "Björn", "Chloé", "Dmitri", "Esperanza", "Farah", "Gabriel", "Hiroshi", "Ingrid", "Jamal");
	private static final List<String> LAST = List.of("Johnson", "García", "Nguyen", "Smith", "Kowalski", "O'Neill",
			"Martínez", "Kim", "Haddad", "Andersson", "Okonkwo", "Rossi", "Dubois", "Silva", "Novak", "Yamamoto",
			"Fernández-López", "Schmidt", "Patel", "Murphy", "Cohen", "Mbeki", "Larsen", "Costa", "Ivanova", "Brown");

	private DemoRoster() {}

	record Member(String memberId, String firstName, String lastName, LocalDate dateOfBirth, String email,
			LocalDate coverageStart, String coverageEnd) {}

	static String of(SponsorCode sponsor, int size, long seed) {

		var csv = new StringBuilder("member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n");

		for (var member : members(sponsor, size, seed)) {
			csv.append("%s,\"%s\",\"%s\",%s,%s,%s,%s%n".formatted(member.memberId(), member.firstName(),
					member.lastName(), member.dateOfBirth(), member.email(), member.coverageStart(), member.coverageEnd()));
		}

		return csv.toString();
	}

	/** The same members every time for the same seed; the demo patients are the first lines. */
	static List<Member> members(SponsorCode sponsor, int size, long seed) {

		var random = new Random(seed);
		var members = new java.util.ArrayList<Member>();

		if (sponsor.value().equals("ACME")) {
			members.add(new Member("ACME-000001", "Maya", "Okafor", LocalDate.of(1986, 4, 12),
					"patient.maya@northside.example", LocalDate.of(2025, 1, 1), ""));
			members.add(new Member("ACME-000002", "Leo", "Fischer", LocalDate.of(1979, 9, 30),
					"leo.fischer@mail.example", LocalDate.of(2025, 1, 1), ""));
		} else {
			members.add(new Member(sponsor.value() + "-000001", "Ivy", "Chen", LocalDate.of(1991, 2, 17),
					"patient.ivy@lakeside.example", LocalDate.of(2025, 3, 1), ""));
			members.add(new Member(sponsor.value() + "-000002", "Omar", "Haddad", LocalDate.of(1968, 7, 3), "",
					LocalDate.of(2025, 3, 1), ""));
		}

		for (int i = 3; i <= size; i++) {
			var first = FIRST.get(random.nextInt(FIRST.size()));
			var last = LAST.get(random.nextInt(LAST.size()));
			var born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
			var start = LocalDate.of(2024, 1, 1).plusMonths(random.nextInt(24));
			var end = random.nextInt(12) == 0 ? start.plusMonths(6 + random.nextInt(12)).toString() : "";
			var email = random.nextInt(4) == 0 ? ""
					: (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + i + "@members.example";

			members.add(new Member("%s-%06d".formatted(sponsor.value(), i), first, last, born, email, start, end));
		}

		return members;
	}
}
