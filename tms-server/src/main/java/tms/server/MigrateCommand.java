package tms.server;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** migrate: bring the database schema up to date and stop. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the database migrations and exit (run does this too, at start).")
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    InstallationOptions installation;

    @Override
    public Integer call() throws Exception {
        try (Installation inst = Installation.open(installation, System.out)) {
            System.out.println("database " + inst.storeConfig().redactedUrl() + " is up to date");
        }
        return 0;
    }
}
