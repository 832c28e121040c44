package health.stride.platform.database;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded PostgreSQL listens and keeps its data. Without a data directory it is a
 * throw-away server in a temporary directory on a free port, as tests want; the local run gives
 * it a fixed port and a directory under {@code .stride/} so data survives a restart.
 *
 * @param port the port to listen on (127.0.0.1), 0 for any free port
 * @param dataDirectory the data directory to keep between runs, or none for a throw-away server
 */
@ConfigurationProperties("stride.embedded-postgres")
public record EmbeddedPostgresProperties(int port, @Nullable Path dataDirectory) {}
