package tms.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import tms.hsm.HashingKey;
import tms.hsm.HsmException;
import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.hsm.WrappedKey;
import tms.store.LmkRotationState;
import tms.store.Store;
import tms.store.StoreConfig;
import tms.store.StoredKeyMapper;

/** One installation's data directory opened: its store, its LMK and its security module. */
public final class Installation implements AutoCloseable {

    private final Path data;
    private final StoreConfig storeConfig;
    private final Store store;
    private final Lmk lmk;
    private final SecurityModule hsm;

    private Installation(Path data, StoreConfig storeConfig, Store store, Lmk lmk, SecurityModule hsm) {
        this.data = data;
        this.storeConfig = storeConfig;
        this.store = store;
        this.lmk = lmk;
        this.hsm = hsm;
    }

    /** The name of the hashing key's row in {@code installation_key}. */
    static final String HASHING_KEY = "hashing";

    /**
     * Opens (creating on first use) the data directory, the database, the LMK the options name and the
     * installation's hashing key; check values and warnings go to {@code console}. Refused while an LMK rotation
     * is unfinished, and when the LMK is not the one the installation's keys are under.
     */
    public static Installation open(InstallationOptions options, PrintStream console) throws IOException {
        // a missing LMK choice is reported before anything is created or opened
        options.lmk.requireOneChoice();
        Path data = dataDirectory(options);
        StoreConfig config = storeConfig(options, data);
        // the database first: a command that cannot reach it leaves nothing behind, not even a new LMK
        Store store = openStore(options);
        try {
            LmkRotationState rotation = store.read(s -> s.getMapper(StoredKeyMapper.class).findRotation());
            if (rotation != null) {
                throw new UserError(rotationUnfinished(rotation));
            }
            WrappedKey hashingKey = findHashingKey(store);
            Path devFile = LmkOptions.developmentFile(data);
            if (hashingKey != null && options.lmk.isDevelopment() && !Files.exists(devFile)) {
                // creating a new development LMK would only end in "does not unwrap": say what is wrong instead
                throw new UserError("--dev-lmk: this installation's keys are under an LMK, but there is no development "
                        + "LMK file " + devFile + ": start with the custodians' components (--lmk-component FILE or "
                        + "--lmk-components-prompt), or restore the development LMK file");
            }
            Lmk lmk = options.lmk.load(data, console);
            if (hashingKey == null) {
                hashingKey = createHashingKey(store, lmk);
            }
            SecurityModule hsm;
            try {
                hsm = new SoftwareSecurityModule(lmk, hashingKey);
            } catch (HsmException e) {
                throw new UserError("the LMK with check value " + lmk.checkValueHex() + " is not this installation's "
                        + "LMK (its hashing key, check value " + hashingKey.checkValueHex() + ", is refused: "
                        + e.getMessage() + "). Start with the components of the LMK the installation's keys are under"
                        + (lmk.development() ? " (not --dev-lmk)" : "; after a rotation, the new components"));
            }
            return new Installation(data, config, store, lmk, hsm);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The store alone, migrated, without an LMK: for `migrate` and `lmk rotate`. */
    static Store openStore(InstallationOptions options) throws IOException {
        Path data = dataDirectory(options);
        // H2's AUTO_SERVER listens for the other local processes (simulator, transactions): on loopback only
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        return Store.open(storeConfig(options, data));
    }

    static Path dataDirectory(InstallationOptions options) throws IOException {
        Path data = options.data.toAbsolutePath().normalize();
        Files.createDirectories(data);
        return data;
    }

    static String rotationUnfinished(LmkRotationState rotation) {
        return "an LMK rotation from the LMK with check value " + rotation.oldLmkCheckValue() + " to the one with check "
                + "value " + rotation.newLmkCheckValue() + ", started " + rotation.startedAt() + " (UTC), has not "
                + "finished: some keys are under the old LMK and some under the new one. Re-run `tms lmk rotate` with "
                + "the old and the new components to finish it; nothing else opens this installation until then";
    }

    /** The installation's hashing key, or null before the first start. */
    static WrappedKey findHashingKey(Store store) {
        String text = store.read(s -> s.getMapper(StoredKeyMapper.class).findInstallationKey(HASHING_KEY));
        return text == null ? null : HashingKey.decode(text);
    }

    // First start: a new random key. Two processes starting at once race on the insert; the loser uses the winner's.
    private static WrappedKey createHashingKey(Store store, Lmk lmk) {
        WrappedKey created = HashingKey.generate(lmk, new SecureRandom());
        try {
            store.write(s -> {
                s.getMapper(StoredKeyMapper.class).insertInstallationKey(HASHING_KEY, HashingKey.encode(created));
                return null;
            });
            return created;
        } catch (RuntimeException e) {
            if (Store.isDuplicateKey(e)) {
                return findHashingKey(store);
            }
            throw e;
        }
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
