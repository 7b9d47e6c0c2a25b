package tms.gateway;

import tms.store.NumberBlocks;
import tms.store.Store;

/** Retrieval reference numbers (field 37), unique across gateway nodes that share one database. */
public final class ReferenceNumbers {

    private static final long MODULUS = 1_000_000_000_000L;
    private final NumberBlocks blocks;

    public ReferenceNumbers(Store store) {
        // blocks of 100: a restart wastes at most 99 numbers, and the database is asked once per 100 messages
        this.blocks = new NumberBlocks(store, "rrn", 100);
    }

    public String next() {
        // by hand: String.format costs more than the rest of this method many times over, on every message
        String digits = Long.toString(blocks.next() % MODULUS);
        return "000000000000".substring(digits.length()) + digits;
    }
}
