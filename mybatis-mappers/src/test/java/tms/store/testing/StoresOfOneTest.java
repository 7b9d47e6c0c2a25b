package tms.store.testing;

import java.util.ArrayList;
import java.util.List;
import tms.store.Store;
import tms.store.StoreConfig;

/** The stores one test database opened, so that closing the database closes them all. */
final class StoresOfOneTest {

    private final List<Store> stores = new ArrayList<>();
    private StoreConfig config;

    /** Refuses a second open() before it creates anything that close() would then not know to remove. */
    synchronized void requireNotOpened() {
        if (config != null) {
            throw new IllegalStateException("open() was already called for this test database; use openAnother()"
                    + " for a second store on the same database");
        }
    }

    synchronized Store openFirst(StoreConfig config) {
        requireNotOpened();
        this.config = config;
        return keep(Store.open(config));
    }

    synchronized Store openAnother() {
        return keep(Store.open(config()));
    }

    synchronized StoreConfig config() {
        if (config == null) {
            throw new IllegalStateException("No database yet: call open() first");
        }
        return config;
    }

    synchronized boolean opened() {
        return config != null;
    }

    private Store keep(Store store) {
        stores.add(store);
        return store;
    }

    /** Closes every store, newest first, and keeps the first failure with the others suppressed. */
    synchronized void closeAll() {
        RuntimeException failure = null;
        for (int i = stores.size() - 1; i >= 0; i--) {
            try {
                stores.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        stores.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
