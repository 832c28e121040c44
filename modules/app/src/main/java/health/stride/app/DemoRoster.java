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

	static String of(SponsorCode sponsor, int size, long seed) {

		var random = new Random(seed);
		var csv = new StringBuilder("member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end\n");

		if (sponsor.value().equals("ACME")) {
			csv.append("ACME-000001,Maya,Okafor,1986-04-12,patient.maya@northside.example,2025-01-01,\n");
			csv.append("ACME-000002,Leo,Fischer,1979-09-30,patient.leo@northside.example,2025-01-01,\n");
		} else {
			csv.append(sponsor.value()).append("-000001,Ivy,Chen,1991-02-17,patient.ivy@lakeside.example,2025-03-01,\n");
		}

		for (int i = 3; i <= size; i++) {
			var first = FIRST.get(random.nextInt(FIRST.size()));
			var last = LAST.get(random.nextInt(LAST.size()));
			var born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
			var start = LocalDate.of(2024, 1, 1).plusMonths(random.nextInt(24));
			var end = random.nextInt(12) == 0 ? start.plusMonths(6 + random.nextInt(12)).toString() : "";
			var email = random.nextInt(4) == 0 ? ""
					: (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + i + "@members.example";

			csv.append("%s-%06d,\"%s\",\"%s\",%s,%s,%s,%s%n".formatted(sponsor.value(), i, first, last, born, email, start,
					end));
		}

		return csv.toString();
	}
}
