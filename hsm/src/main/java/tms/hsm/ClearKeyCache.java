package tms.hsm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used map from a wrapped MAK (or PIN key) to its clear value, so that MAC verification per
 * transaction skips the AES unwrap. Only verified keys go in (the unwrap checked usage, length and check value),
 * and the record is the map key, so a record that differs in any part misses and is unwrapped afresh.
 *
 * <p>Evicted values are not zeroed: another thread may be computing a MAC with the same array at that moment.
 * They stay inside this package and become garbage.
 */
final class ClearKeyCache {

    private final Map<WrappedKey, byte[]> entries;

    ClearKeyCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the key cache capacity is " + capacity + "; expected at least 1");
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<WrappedKey, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached clear key, or null; the caller must not change the array. */
    synchronized byte[] get(WrappedKey key) {
        return entries.get(key);
    }

    /** Remembers a clear key that the caller has just unwrapped and verified; the cache owns the array from now on. */
    synchronized void put(WrappedKey key, byte[] clear) {
        entries.put(key, clear);
    }

    synchronized int size() {
        return entries.size();
    }
}
