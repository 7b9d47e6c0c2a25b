package tms.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.store.Store;
import tms.store.StoreConfig;

/** One installation's data directory opened: its store and its security module. */
public final class Installation implements AutoCloseable {

    private final Path data;
    private final StoreConfig storeConfig;
    private final Store store;
    private final Lmk lmk;
    private final SecurityModule hsm;

    private Installation(Path data, StoreConfig storeConfig, Store store, Lmk lmk) {
        this.data = data;
        this.storeConfig = storeConfig;
        this.store = store;
        this.lmk = lmk;
        this.hsm = new SoftwareSecurityModule(lmk);
    }

    /** Opens (creating on first use) the data directory, the database and the LMK; warnings go to {@code console}. */
    public static Installation open(InstallationOptions options, PrintStream console) throws IOException {
        Path data = options.data.toAbsolutePath().normalize();
        Files.createDirectories(data);
        StoreConfig config = storeConfig(options, data);
        // H2's AUTO_SERVER listens for the other local processes (simulator, transactions): on loopback only
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        // the database first: a command that cannot reach it leaves nothing behind, not even a new LMK
        Store store = Store.open(config);
        Lmk lmk;
        try {
            lmk = Lmk.loadOrCreateDevelopment(data.resolve("dev-lmk.key"));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        if (lmk.createdNow()) {
            console.println("WARNING: created a DEVELOPMENT LMK at " + data.resolve("dev-lmk.key")
                    + " (check value " + lmk.checkValueHex() + "). It protects nothing: never load real keys here.");
        }
        return new Installation(data, config, store, lmk);
    }

    static StoreConfig storeConfig(InstallationOptions options, Path data) {
        if (options.database.embedded()) {
            StoreConfig embedded = StoreConfig.h2File(data);
            // AUTO_SERVER lets a second process (the simulator, `transactions`) open the file while `run` holds it
            return new StoreConfig(embedded.jdbcUrl() + ";AUTO_SERVER=TRUE", embedded.user(), embedded.password(),
                    embedded.maxPoolSize());
        }
        DatabaseOptions db = options.database;
        return new StoreConfig(db.url, db.user, db.password, StoreConfig.DEFAULT_POOL_SIZE);
    }

    public Path data() {
        return data;
    }

    public StoreConfig storeConfig() {
        return storeConfig;
    }

    public Store store() {
        return store;
    }

    public Lmk lmk() {
        return lmk;
    }

    public SecurityModule hsm() {
        return hsm;
    }

    @Override
    public void close() {
        store.close();
    }
}
