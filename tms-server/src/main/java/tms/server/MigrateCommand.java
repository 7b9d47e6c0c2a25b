package tms.server;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import tms.store.Store;

/** migrate: bring the database schema up to date and stop. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the database migrations and exit (run does this too, at start).")
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    InstallationOptions installation;

    @Override
    public Integer call() throws Exception {
        // the schema needs no key: migrating does not ask the custodians for the LMK
        try (Store store = Installation.openStore(installation)) {
            System.out.println("database " + store.config().redactedUrl() + " is up to date");
        }
        return 0;
    }
}
