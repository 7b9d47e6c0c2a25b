package tms.server;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tms.hsm.HashingKey;
import tms.hsm.HsmException;
import tms.hsm.LmkRotation;
import tms.hsm.WrappedKey;
import tms.hsm.WrappedPrivateKey;
import tms.store.LmkRotationState;
import tms.store.Store;
import tms.store.StoredKey;
import tms.store.StoredKeyColumn;
import tms.store.StoredKeyMapper;

/**
 * Moves every key at rest in a store from the old LMK to the new one ({@link StoredKeyColumn#ALL}).
 *
 * <p>Resumable: the store records the rotation before the first key moves and forgets it only after the last; each
 * row is re-wrapped in a transaction of its own (compare-and-set on the old text), and a row whose key already
 * unwraps under the new LMK is counted as done and left alone. So a run stopped anywhere is finished by running
 * it again with the same old and new LMKs.
 */
final class KeyRotation {

    /** Called after each row; a test stops the rotation there by throwing. */
    interface RowListener {
        void rowDone(StoredKeyColumn column, Object rowId);
    }

    /** What one run did, per column and in all. */
    record Counts(Map<String, long[]> perColumn, long rewrapped, long alreadyDone, long changedMeanwhile) {

        boolean complete() {
            return changedMeanwhile == 0;
        }
    }

    private static final int PAGE = 500;

    private final Store store;
    private final LmkRotation rotation;
    private final List<StoredKeyColumn> columns;
    private final PrintStream out;
    private final int progressEvery;
    private final RowListener listener;

    KeyRotation(Store store, LmkRotation rotation, List<StoredKeyColumn> columns, PrintStream out, int progressEvery,
            RowListener listener) {
        if (progressEvery < 1) {
            throw new UserError("--progress-every " + progressEvery + " is out of range: give 1 or more rows");
        }
        this.store = store;
        this.rotation = rotation;
        this.columns = List.copyOf(columns);
        this.out = out;
        this.progressEvery = progressEvery;
        this.listener = listener;
    }

    /** Records the rotation (or checks the one recorded), re-wraps every key, and ends the rotation if none was missed. */
    Counts run() {
        begin();
        Map<String, long[]> perColumn = new LinkedHashMap<>();
        long rewrapped = 0;
        long alreadyDone = 0;
        long changed = 0;
        long rows = 0;
        for (StoredKeyColumn column : columns) {
            long total = store.read(s -> s.getMapper(StoredKeyMapper.class).count(column.table(), column.keyColumn()));
            long[] counts = new long[3];
            perColumn.put(column.qualifiedName(), counts);
            Object after = null;
            for (List<StoredKey> page = page(column, null); !page.isEmpty(); page = page(column, after)) {
                for (StoredKey row : page) {
                    after = row.rowId();
                    counts[moveOne(column, row)]++;
                    listener.rowDone(column, row.rowId());
                    rows++;
                    long seen = counts[0] + counts[1] + counts[2];
                    if (rows % progressEvery == 0) {
                        out.println("  " + column.qualifiedName() + ": " + seen + " of " + total + " rows");
                    }
                }
            }
            rewrapped += counts[0];
            alreadyDone += counts[1];
            changed += counts[2];
            out.println("  " + column.qualifiedName() + ": " + counts[0] + " re-wrapped, " + counts[1]
                    + " already under the new LMK" + (counts[2] == 0 ? "" : ", " + counts[2] + " changed meanwhile"));
        }
        Counts result = new Counts(perColumn, rewrapped, alreadyDone, changed);
        if (result.complete()) {
            store.write(s -> s.getMapper(StoredKeyMapper.class).finishRotation());
        }
        return result;
    }

    private void begin() {
        LmkRotationState recorded = store.read(s -> s.getMapper(StoredKeyMapper.class).findRotation());
        if (recorded == null) {
            preflight();
            store.write(s -> {
                s.getMapper(StoredKeyMapper.class).startRotation(rotation.oldCheckValueHex(), rotation.newCheckValueHex(),
                        Instant.now());
                return null;
            });
            out.println("LMK rotation from " + rotation.oldCheckValueHex() + " to " + rotation.newCheckValueHex()
                    + " recorded: until it finishes, the server will not start");
            return;
        }
        if (!recorded.newLmkCheckValue().equals(rotation.newCheckValueHex())
                || !recorded.oldLmkCheckValue().equals(rotation.oldCheckValueHex())) {
            throw new UserError("the unfinished rotation recorded in the store goes from the LMK with check value "
                    + recorded.oldLmkCheckValue() + " to " + recorded.newLmkCheckValue() + ", but you gave "
                    + rotation.oldCheckValueHex() + " (old) and " + rotation.newCheckValueHex() + " (new): give the "
                    + "components of those two LMKs to finish it");
        }
        out.println("resuming the LMK rotation from " + recorded.oldLmkCheckValue() + " to " + recorded.newLmkCheckValue()
                + ", started " + recorded.startedAt() + " (UTC)");
    }

    // Before anything is recorded: the first key of each column must be under the old LMK (or the new one), so that
    // a wrong old LMK is refused without leaving the installation locked in a rotation.
    private void preflight() {
        for (StoredKeyColumn column : columns) {
            List<StoredKey> first = store.read(s -> s.getMapper(StoredKeyMapper.class).page(column.table(),
                    column.idColumn(), column.keyColumn(), null, 1));
            if (!first.isEmpty()) {
                try {
                    rewrapText(column, first.get(0));
                } catch (HsmException e) {
                    throw new UserError("nothing was changed: " + column.qualifiedName() + " row " + first.get(0).rowId()
                            + ": " + e.getMessage() + ". Check that the old LMK (check value " + rotation.oldCheckValueHex()
                            + ") is the one this installation runs with");
                }
            }
        }
    }

    // 0 re-wrapped, 1 already under the new LMK, 2 changed by someone else since it was read
    private int moveOne(StoredKeyColumn column, StoredKey row) {
        String moved;
        try {
            moved = rewrapText(column, row);
        } catch (HsmException | IllegalArgumentException e) {
            throw new UserError(column.qualifiedName() + " row " + row.rowId() + ": " + e.getMessage() + ". The rotation "
                    + "stays recorded as unfinished; repair or clear that key, then re-run `tms lmk rotate`");
        }
        if (moved == null) {
            return 1;
        }
        int replaced = store.write(s -> s.getMapper(StoredKeyMapper.class).replace(column.table(), column.idColumn(),
                column.keyColumn(), row.rowId(), row.keyText(), moved));
        return replaced == 1 ? 0 : 2;
    }

    /** The row's key in text form under the new LMK, or null when it already is under the new LMK. */
    private String rewrapText(StoredKeyColumn column, StoredKey row) {
        String text = row.keyText();
        switch (column.form()) {
            case SYMMETRIC_KEY -> {
                WrappedKey key = WrappedKey.decode(text);
                WrappedKey moved = rotation.rewrap(key);
                return moved == key ? null : moved.encoded();
            }
            case PRIVATE_KEY -> {
                WrappedPrivateKey key = WrappedPrivateKey.decode(text);
                WrappedPrivateKey moved = rotation.rewrap(key);
                return moved == key ? null : moved.encoded();
            }
            case HASHING_KEY -> {
                WrappedKey key = HashingKey.decode(text);
                WrappedKey moved = rotation.rewrap(key);
                return moved == key ? null : HashingKey.encode(moved);
            }
            default -> throw new IllegalStateException("unknown key form " + column.form());
        }
    }

    private List<StoredKey> page(StoredKeyColumn column, Object after) {
        return store.read(s -> s.getMapper(StoredKeyMapper.class).page(column.table(), column.idColumn(),
                column.keyColumn(), after, PAGE));
    }
}
