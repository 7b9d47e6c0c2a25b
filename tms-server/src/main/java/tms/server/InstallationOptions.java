package tms.server;

import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where an installation keeps its data, which database it uses, and which LMK opens it. */
public final class InstallationOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory: H2 database, development LMK, logs, simulator state (default: ${DEFAULT-VALUE}).")
    Path data;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Mixin
    LmkOptions lmk = new LmkOptions();

    public InstallationOptions() {
    }

    public InstallationOptions(Path data, DatabaseOptions database, LmkOptions lmk) {
        this.data = data;
        this.database = database;
        this.lmk = lmk;
    }
}
