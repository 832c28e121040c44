package health.stride.eligibility.internal;

import static org.assertj.core.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RosterParserTests {

	static final String HEADER = "member_id,first_name,last_name,date_of_birth,email,coverage_start,coverage_end";
	static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

	record Result(long count, List<RosterRow> rows, List<RowError> errors) {}

	static Result parse(String text) {
		return parse(text.getBytes(StandardCharsets.UTF_8));
	}

	static Result parse(byte[] bytes) {
		return parse(new ByteArrayInputStream(bytes));
	}

	static Result parse(InputStream in) {
		var rows = new ArrayList<RosterRow>();
		var errors = new ArrayList<RowError>();
		var count = new RosterParser(TODAY).parse(in, rows::add, errors::add);
		return new Result(count, rows, errors);
	}

	@Test
	void readsAValidRoster() {

		var result = parse(HEADER + "\n" + "A100,Maya,Okafor,1985-03-14,maya@example.com,2026-01-01,\n"
				+ "A101,Leo,Brandt,1979-11-02,,2025-06-01,2026-12-31\n");

		assertThat(result.errors()).isEmpty();
		assertThat(result.count()).isEqualTo(2);
		assertThat(result.rows()).containsExactly(
				new RosterRow(2, "A100", "Maya", "Okafor", LocalDate.of(1985, 3, 14), "maya@example.com",
						LocalDate.of(2026, 1, 1), null),
				new RosterRow(3, "A101", "Leo", "Brandt", LocalDate.of(1979, 11, 2), null, LocalDate.of(2025, 6, 1),
						LocalDate.of(2026, 12, 31)));
	}

	@Test
	void skipsAByteOrderMark() {

		var bom = new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		var body = (HEADER + "\nA1,Ann,Lee,1990-01-01,,2026-01-01,\n").getBytes(StandardCharsets.UTF_8);
		var file = new byte[bom.length + body.length];
		System.arraycopy(bom, 0, file, 0, bom.length);
		System.arraycopy(body, 0, file, bom.length, body.length);

		assertThat(parse(file).rows()).extracting(RosterRow::memberId).containsExactly("A1");
	}

	@Test
	void readsWindowsLineEndingsAndSkipsBlankLines() {

		var result = parse(HEADER + "\r\n\r\nA1,Ann,Lee,1990-01-01,,2026-01-01,\r\n\r\n   \r\n,,,,,,\r\nA2,Bo,Kim,1991-02-02,,2026-01-01,\r\n");

		assertThat(result.errors()).isEmpty();
		assertThat(result.rows()).extracting(RosterRow::memberId, RosterRow::line)
				.containsExactly(tuple("A1", 3L), tuple("A2", 7L));
	}

	@Test
	void readsQuotedCommasNewlinesAndUnicodeNames() {

		var result = parse(HEADER + "\n"
				+ "A1,\"José, Jr.\",\"Núñez-García\",1980-05-05,,2026-01-01,\n"
				+ "A2,\"Zoë\nAnn\",\"O'Brien \"\"Bee\"\"\",1981-06-06,,2026-01-01,\n"
				+ "A3,Đặng,Thị Hương,1982-07-07,,2026-01-01,\n");

		assertThat(result.errors()).isEmpty();
		assertThat(result.rows()).extracting(RosterRow::firstName, RosterRow::lastName).containsExactly(
				tuple("José, Jr.", "Núñez-García"), tuple("Zoë\nAnn", "O'Brien \"Bee\""), tuple("Đặng", "Thị Hương"));
		assertThat(result.rows()).extracting(RosterRow::line).containsExactly(2L, 3L, 5L);
	}

	@Test
	void rejectsLinesWithTheirLineNumberAndReason() {

		var result = parse(HEADER + "\n"
				+ ",Ann,Lee,1990-01-01,,2026-01-01,\n"
				+ "A2,Bo,Kim,1990-13-01,,2026-01-01,\n"
				+ "A3,Cy,Li,1990-01-01,,2026-01-01,2025-12-31\n"
				+ "A4,Di,Wu,01/02/1990,,2026-01-01,\n"
				+ "A5,Ed,Xu,1990-01-01,,,\n"
				+ "A6,,Yi,1990-01-01,,2026-01-01,\n"
				+ "A7,Fa,Zo,1990-01-01,not-an-email,2026-01-01,\n"
				+ "A8,Gu,Ai\n"
				+ "A9,Ha,Bo,2030-01-01,,2026-01-01,\n"
				+ "A 10,Io,Ce,1990-01-01,,2026-01-01,\n"
				+ "A11,Jo,Du,1990-01-01,,2026-01-01,\n");

		assertThat(result.count()).isEqualTo(11);
		assertThat(result.rows()).extracting(RosterRow::memberId).containsExactly("A11");
		assertThat(result.errors()).extracting(RowError::line, RowError::memberId).containsExactly(
				tuple(2L, null), tuple(3L, "A2"), tuple(4L, "A3"), tuple(5L, "A4"), tuple(6L, "A5"), tuple(7L, "A6"),
				tuple(8L, "A7"), tuple(9L, "A8"), tuple(10L, "A9"), tuple(11L, null));
		assertThat(result.errors()).extracting(it -> it.reason().code(), it -> it.reason().arguments()).containsExactly(
				tuple("eligibility.roster.error.member-id-missing", List.of()),
				tuple("eligibility.roster.error.not-a-date.date-of-birth", List.of("1990-13-01")),
				tuple("eligibility.roster.error.coverage-order", List.of("2025-12-31", "2026-01-01")),
				tuple("eligibility.roster.error.not-a-date.date-of-birth", List.of("01/02/1990")),
				tuple("eligibility.roster.error.missing.coverage-start", List.of()),
				tuple("eligibility.roster.error.first-name-missing", List.of()),
				tuple("eligibility.roster.error.email-invalid", List.of()),
				tuple("eligibility.roster.error.field-count", List.of("7", "3")),
				tuple("eligibility.roster.error.birth-implausible", List.of("2030-01-01")),
				tuple("eligibility.roster.error.member-id-invalid", List.of()));
	}

	@Test
	void refusesAnEmptyFile() {
		assertThatExceptionOfType(RosterFileException.class).isThrownBy(() -> parse(""))
				.satisfies(e -> assertThat(e.reason().code()).isEqualTo("eligibility.roster.error.empty"));
	}

	@Test
	void acceptsAHeaderWithoutMembers() {

		var result = parse(HEADER + "\n");

		assertThat(result.count()).isZero();
		assertThat(result.rows()).isEmpty();
	}

	@Test
	void refusesAWrongHeader() {

		assertThatExceptionOfType(RosterFileException.class)
				.isThrownBy(() -> parse("id,first,last,dob,email,start,end\nA1,Ann,Lee,1990-01-01,,2026-01-01,\n"))
				.satisfies(e -> assertThat(e.reason().arguments()).containsExactly(HEADER, "id,first,last,dob,email,start,end"))
				.satisfies(e -> assertThat(e.reason().code()).isEqualTo("eligibility.roster.error.header"));
		assertThatExceptionOfType(RosterFileException.class)
				.isThrownBy(() -> parse("A1,Ann,Lee,1990-01-01,,2026-01-01,\n"));
	}

	@Test
	void acceptsAHeaderInAnyCaseWithSpaces() {
		assertThat(parse(HEADER.toUpperCase().replace(",", " , ") + "\nA1,Ann,Lee,1990-01-01,,2026-01-01,\n").rows())
				.hasSize(1);
	}

	@Test
	void refusesAFileThatIsNotUtf8() {

		var latin1 = (HEADER + "\nA1,José,Lee,1990-01-01,,2026-01-01,\n").getBytes(StandardCharsets.ISO_8859_1);

		assertThatExceptionOfType(RosterFileException.class).isThrownBy(() -> parse(latin1))
				.satisfies(e -> assertThat(e.reason().code()).isEqualTo("eligibility.roster.error.not-utf8"));
	}

	@Test
	void refusesAnOverlongFieldWithoutReadingItIntoMemory() {

		var huge = HEADER + "\nA1,\"" + "x".repeat(5_000_000) + "\",Lee,1990-01-01,,2026-01-01,\n";

		assertThatExceptionOfType(RosterFileException.class).isThrownBy(() -> parse(huge));
	}

	@Test
	void neverFailsWithAnythingButARosterFileExceptionOnRandomInput() {

		var random = new Random(20261122);
		var alphabet = "A1,\"\n\r-0123456789é€ \u0000;:".toCharArray();

		for (int run = 0; run < 3_000; run++) {

			byte[] input;
			if (run % 3 == 0) {
				input = new byte[random.nextInt(300)];
				random.nextBytes(input);
			} else {
				var text = new StringBuilder(run % 2 == 0 ? HEADER + "\n" : "");
				for (int i = random.nextInt(400); i > 0; i--) {
					text.append(alphabet[random.nextInt(alphabet.length)]);
				}
				input = text.toString().getBytes(StandardCharsets.UTF_8);
			}

			var attempt = input;
			assertThatCode(() -> {
				try {
					var result = parse(attempt);
					assertThat(result.rows().size() + result.errors().size()).isEqualTo(result.count());
				} catch (RosterFileException expected) {
					// the one declared way to refuse a file
				}
			}).as("run %d", run).doesNotThrowAnyException();
		}
	}

	@Test
	void normalisesNamesForMatching() {
		assertThat(Names.key("Núñez-García")).isEqualTo(Names.key("nunez garcia")).isEqualTo("nunezgarcia");
		assertThat(Names.key("O'Brien")).isEqualTo(Names.key("OBRIEN"));
		assertThat(Names.key("  Thị  Hương ")).isEqualTo("thihuong");
		assertThat(Names.emailKey(" Maya@Example.COM ")).isEqualTo("maya@example.com");
	}

	@Test
	void normalisesLatinNamesWithoutTheGeneralPathToTheSameKey() {

		var random = new Random(7);
		var alphabet = IntStream.concat(IntStream.range(0, 0x300), "‐‑‒–—’\u0301\u00A0İ".chars()).toArray();

		for (int run = 0; run < 20_000; run++) {
			var name = new StringBuilder();
			for (int i = random.nextInt(12); i >= 0; i--) {
				name.append((char) alphabet[random.nextInt(alphabet.length)]);
			}
			assertThat(Names.key(name.toString())).as("key of %s", name).isEqualTo(Names.generalKey(name.toString()));
		}
	}

	@Test
	void checksMemberIdsAndEmailsAsTheRulesSay() {

		assertThat(List.of("A", "a1", "M-12/3.x_9", "9".repeat(64))).allMatch(RosterParser::isMemberId);
		assertThat(List.of("", "-A", ".a", "A B", "Ä1", "A,1", "9".repeat(65))).noneMatch(RosterParser::isMemberId);

		assertThat(List.of("a@b.c", "maya.o+pt@example.co.uk", "x".repeat(64) + "@ex.am")).allMatch(RosterParser::isEmail);
		assertThat(List.of("", "@b.c", "a@b", "a@.b", "a@b.", "a@@b.c", "a@b@c.d", "a b@c.d", "a@b.c\t",
				"x".repeat(65) + "@ex.am")).noneMatch(RosterParser::isEmail);
	}
}
