package tms.server;

import picocli.CommandLine.Option;

/** Which database to use when it is not the embedded H2 file. */
public final class DatabaseOptions {

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:TMS_DB_URL}",
            description = "Database URL, e.g. jdbc:mysql://db:3306/tms (default: an H2 file database under --data; env TMS_DB_URL).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:TMS_DB_USER}",
            description = "Database user (env TMS_DB_USER).")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:TMS_DB_PASSWORD}",
            description = "Database password (prefer env TMS_DB_PASSWORD: a command line is visible to other users).")
    String password;

    public DatabaseOptions() {
    }

    public DatabaseOptions(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    boolean embedded() {
        return url == null || url.isBlank();
    }
}
