package tms.server;

import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where an installation keeps its data, and which database it uses. */
public final class InstallationOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory: H2 database, development LMK, logs, simulator state (default: ${DEFAULT-VALUE}).")
    Path data;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    public InstallationOptions() {
    }

    public InstallationOptions(Path data, DatabaseOptions database) {
        this.data = data;
        this.database = database;
    }
}
