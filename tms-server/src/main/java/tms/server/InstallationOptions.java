package tms.server;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where an installation keeps its data, and which database it uses. */
public final class InstallationOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory: H2 database, development LMK, logs, simulator state (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:TMS_DB_URL}",
            description = "Database URL, e.g. jdbc:mysql://db:3306/tms (default: an H2 file database under --data; env TMS_DB_URL).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:TMS_DB_USER}",
            description = "Database user (env TMS_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:TMS_DB_PASSWORD}",
            description = "Database password (prefer env TMS_DB_PASSWORD: a command line is visible to other users).")
    String dbPassword;

    public InstallationOptions() {
    }

    public InstallationOptions(Path data, String dbUrl, String dbUser, String dbPassword) {
        this.data = data;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }
}
