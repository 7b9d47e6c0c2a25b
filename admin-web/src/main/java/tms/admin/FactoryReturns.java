package tms.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import tms.store.InventoryMapper;
import tms.store.StockUnit;
import tms.store.Store;
import tms.store.TerminalState;

/** The return-to-factory list: DEFECTIVE units with their defect, until the warehouse marks each one sent back. */
public final class FactoryReturns {

    private final Store store;
    private final Clock clock;

    public FactoryReturns(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** DEFECTIVE units in serial-number order after {@code after} (null: from the first). */
    public List<StockUnit> waiting(String after, int limit) {
        return store.read(s -> s.getMapper(InventoryMapper.class).listInState(TerminalState.DEFECTIVE, after, limit));
    }

    /** The unit has gone back to its factory: SENT_TO_FACTORY, off the list. */
    public void markSent(String serialNumber, Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        store.write(s -> {
            InventoryMapper inventory = s.getMapper(InventoryMapper.class);
            StockUnit unit = inventory.findForUpdate(serialNumber);
            if (unit == null) {
                throw new TerminalActionRefused("no unit with serial number " + serialNumber + " is registered");
            }
            if (unit.state() != TerminalState.DEFECTIVE) {
                throw new TerminalActionRefused("unit " + serialNumber + " is " + unit.state()
                        + "; only a DEFECTIVE unit (one that failed inspection) goes back to the factory");
            }
            inventory.markSentToFactory(serialNumber);
            Instant now = clock.instant();
            TerminalHistory.record(s, serialNumber, TerminalState.DEFECTIVE, TerminalState.SENT_TO_FACTORY,
                    "sent-to-factory", unit.defectReason(), actor, now);
            AuditTrail.record(s, now, actor, "inventory.sent-to-factory", serialNumber, "OK", unit.defectReason(),
                    "state=DEFECTIVE", "state=SENT_TO_FACTORY");
            return null;
        });
    }
}
