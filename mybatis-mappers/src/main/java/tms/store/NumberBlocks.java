package tms.store;

import java.util.Objects;

/**
 * Hands out numbers (RRNs, ...) from blocks reserved in the database, so several gateway nodes never hand out the
 * same one. Thread-safe.
 *
 * <p>Each node reserves {@code blockSize} numbers at a time in one short transaction and hands them out from
 * memory; numbers left in a block when the node stops are never used, so the sequence has gaps but no repeats.
 * The first number of a new sequence is 1.
 */
public final class NumberBlocks {

    private final Store store;
    private final String name;
    private final int blockSize;
    private long next;
    private long end;

    public NumberBlocks(Store store, String name, int blockSize) {
        this.store = Objects.requireNonNull(store, "store");
        if (name == null || name.isBlank() || name.length() > 32) {
            throw new IllegalArgumentException("Number sequence name '" + name
                    + "' is not usable: expected 1 to 32 characters");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("Block size for number sequence '" + name + "' is " + blockSize
                    + ": expected at least 1");
        }
        this.name = name;
        this.blockSize = blockSize;
    }

    /** The next number of this sequence, never handed out before by any node sharing the database. */
    public synchronized long next() {
        if (next == end) {
            reserveBlock();
        }
        return next++;
    }

    private void reserveBlock() {
        while (true) {
            Long blockEnd = store.write(session -> {
                NumberBlockMapper blocks = session.getMapper(NumberBlockMapper.class);
                if (blocks.advance(name, blockSize) == 0) {
                    return null;
                }
                return blocks.nextValue(name);
            });
            if (blockEnd != null) {
                end = blockEnd;
                next = blockEnd - blockSize;
                return;
            }
            createSequence();
        }
    }

    private void createSequence() {
        try {
            store.write(session -> {
                session.getMapper(NumberBlockMapper.class).create(name, 1);
                return null;
            });
        } catch (RuntimeException e) {
            // another node created it first: fine, reserve from its row
            if (!Store.isDuplicateKey(e)) {
                throw e;
            }
        }
    }
}
