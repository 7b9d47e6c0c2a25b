package tms.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import tms.admin.console.ConsoleSection;
import tms.store.Store;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/**
 * The real console for tests: AdminServer on port 0 over a test database, with the real authenticator and
 * accounts, a clock the test moves, and a cheap Argon2id cost (the same code; the production cost only takes longer).
 */
public final class RunningConsole implements AutoCloseable {

    public static final PasswordHashing.Cost TEST_COST = new PasswordHashing.Cost(1024, 1, 1);

    public final Store store;
    public final MovableClock clock = new MovableClock(Instant.parse("2026-03-14T08:00:00Z"));
    public final ConsoleAccess access;
    public final AtomicReference<StatusReport> status = new AtomicReference<>(report(true));
    public final AdminServer server;
    public final int port;
    /** The database this console opened for itself and closes with it; null when the caller owns the store. */
    private TestDatabase ownDatabase;

    public RunningConsole(Store store, List<? extends ConsoleSection> sections) throws Exception {
        this(store, (access, clock) -> sections);
    }

    /** A console over a fresh H2 of its own, closed with the console. */
    public static RunningConsole onFreshH2(List<? extends ConsoleSection> sections) throws Exception {
        TestDatabase db = TestDatabases.h2();
        RunningConsole console = new RunningConsole(db.open(), sections);
        console.ownDatabase = db;
        return console;
    }

    /** With the business sections made from the console's own access and clock (as ConsoleSections.all makes them). */
    public RunningConsole(Store store, BiFunction<ConsoleAccess, Clock, List<? extends ConsoleSection>> sections)
            throws Exception {
        this.store = store;
        this.access = ConsoleAccess.over(store, clock, new PasswordHashing(TEST_COST, new SecureRandom()));
        this.server = new AdminServer("127.0.0.1", 0, store, access, status::get, sections.apply(access, clock));
        this.port = server.start();
    }

    public Browser browser() {
        return new Browser(port);
    }

    /** Makes the first administrator, signs it in with a browser and has it choose its password. */
    public Browser firstAdmin(String password) throws Exception {
        InitialPassword first = access.accounts().createFirstAdmin(new Actor("system", "local")).orElseThrow();
        Browser browser = browser();
        browser.signInAndChoosePassword(first.account(), first.password(), password);
        return browser;
    }

    public static StatusReport report(boolean up) {
        return new StatusReport("0.1.0", Instant.parse("2026-11-25T00:00:00Z"), 8583, 1, "jdbc:h2:file:/x/tms", up,
                up ? null : "connection \"refused\"", "A1B2C3", true, 3, 42);
    }

    @Override
    public void close() {
        server.close();
        if (ownDatabase != null) {
            ownDatabase.close();
        }
    }
}
