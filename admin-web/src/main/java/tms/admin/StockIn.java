package tms.admin;

import java.time.Clock;
import java.time.Instant;

import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/** Puts a unit into stock (IN_STOCK) with its three codes, ready to be activated over the air. */
public final class StockIn {

    private final Store store;
    private final Clock clock;

    public StockIn(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void register(String serialNumber, String psamNumber, String simIccid, String model, Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        store.write(s -> {
            TerminalMapper terminals = s.getMapper(TerminalMapper.class);
            if (terminals.findBySerialNumber(serialNumber) != null) {
                throw new TerminalActionRefused("a terminal with serial number " + serialNumber + " is already registered");
            }
            terminals.insert(new Terminal(null, serialNumber, psamNumber, simIccid, model, null, null,
                    TerminalState.IN_STOCK, null, null, null, null, null));
            Instant now = clock.instant();
            TerminalHistory.record(s, serialNumber, null, TerminalState.IN_STOCK, "stock-in", null, actor, now);
            AuditTrail.record(s, now, actor, "terminal.stock-in", serialNumber, "OK", null, null,
                    "state=IN_STOCK model=" + model + " psam=" + psamNumber + " iccid=" + simIccid);
            return null;
        });
    }
}
