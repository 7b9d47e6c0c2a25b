package tms.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import tms.store.InventoryMapper;
import tms.store.StockUnit;
import tms.store.Store;
import tms.store.TerminalState;

/**
 * The receiving inspection of a unit in stock: a pass keeps it IN_STOCK (ready to be activated), a failure makes it
 * DEFECTIVE and puts it on the return-to-factory list with the reason.
 */
public final class Inspection {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    private final Store store;
    private final Clock clock;

    public Inspection(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public StockUnit pass(String serialNumber, Actor actor) {
        return record(serialNumber, true, null, actor);
    }

    /** @param reason what is wrong with the unit, 1 to 200 characters, shown on the return-to-factory list */
    public StockUnit fail(String serialNumber, String reason, Actor actor) {
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new TerminalActionRefused("a failed inspection needs the defect, in 1 to 200 characters");
        }
        return record(serialNumber, false, reason.strip(), actor);
    }

    private StockUnit record(String serialNumber, boolean passed, String reason, Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        return store.write(s -> {
            InventoryMapper inventory = s.getMapper(InventoryMapper.class);
            StockUnit unit = inventory.findForUpdate(serialNumber);
            if (unit == null) {
                throw new TerminalActionRefused("no unit with serial number " + serialNumber
                        + " is in stock: import its manifest first");
            }
            if (unit.state() != TerminalState.IN_STOCK) {
                throw new TerminalActionRefused("unit " + serialNumber + " is " + unit.state()
                        + (unit.state() == TerminalState.DEFECTIVE ? " (" + unit.defectReason() + ")" : "")
                        + "; only a unit IN_STOCK is inspected");
            }
            if (passed && PASSED.equals(unit.inspection())) {
                throw new TerminalActionRefused("unit " + serialNumber + " already passed inspection at "
                        + unit.inspectedAt());
            }
            Instant now = clock.instant();
            TerminalState next = passed ? TerminalState.IN_STOCK : TerminalState.DEFECTIVE;
            String result = passed ? PASSED : FAILED;
            inventory.recordInspection(serialNumber, result, next, reason, now);
            TerminalHistory.record(s, serialNumber, unit.state(), next, passed ? "inspection-passed" : "inspection-failed",
                    reason, actor, now);
            AuditTrail.record(s, now, actor, "inventory.inspection", serialNumber, "OK", reason,
                    "state=" + unit.state() + " inspection=" + unit.inspection(),
                    "state=" + next + " inspection=" + result);
            return new StockUnit(unit.serialNumber(), unit.psamNumber(), unit.simIccid(), unit.model(), next, result,
                    now, reason);
        });
    }

    /** IN_STOCK units not yet inspected, in serial-number order after {@code after} (null: from the first). */
    public List<StockUnit> awaiting(String after, int limit) {
        return store.read(s -> s.getMapper(InventoryMapper.class).listAwaitingInspection(after, limit));
    }
}
