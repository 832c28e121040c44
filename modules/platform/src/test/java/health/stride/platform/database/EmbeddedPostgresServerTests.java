package health.stride.platform.database;

import static org.assertj.core.api.Assertions.*;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's database: created with Stride's roles on first start, and still holding its
 * data after a restart.
 */
class EmbeddedPostgresServerTests {

	@Test
	void keepsDataInItsDirectoryAcrossRestarts(@TempDir Path data) throws SQLException {

		var properties = new EmbeddedPostgresProperties(0, data);

		try (var first = EmbeddedPostgresServer.start(properties);
				var owner = DriverManager.getConnection(first.jdbcUrl(), "stride_owner", "stride-owner");
				var statement = owner.createStatement()) {
			statement.execute("create table kept (note text)");
			statement.execute("insert into kept values ('still here')");
		}

		try (var second = EmbeddedPostgresServer.start(properties);
				var owner = DriverManager.getConnection(second.jdbcUrl(), "stride_owner", "stride-owner");
				var statement = owner.createStatement();
				var rows = statement.executeQuery("select note from kept")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("still here");
		}
	}

	@Test
	void createsAnApplicationRoleThatOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {

		try (var server = EmbeddedPostgresServer.start(new EmbeddedPostgresProperties(0, null));
				var app = DriverManager.getConnection(server.jdbcUrl(), "stride_app", "stride-app");
				var statement = app.createStatement();
				var rows = statement.executeQuery("""
						select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb
						from pg_roles where rolname = current_user""")) {
			rows.next();
			for (int column = 1; column <= 4; column++) {
				assertThat(rows.getBoolean(column)).isFalse();
			}
		}
	}
}
