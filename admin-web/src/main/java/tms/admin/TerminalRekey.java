package tms.admin;

import java.time.Clock;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.store.PendingTmk;
import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/**
 * Orders a new TMK for an active terminal that was activated over the air: the key is made now and waits,
 * LMK-wrapped, until the terminal next talks to a gateway, fetches it under its device key and confirms it
 * (docs/protocol.md, "Re-key"). Ordering again before the terminal confirms replaces the waiting key.
 */
public final class TerminalRekey {

    private final Store store;
    private final SecurityModule hsm;
    private final Clock clock;

    public TerminalRekey(Store store, SecurityModule hsm, Clock clock) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
    }

    /** @return the check value of the TMK that now waits for the terminal */
    public String order(String serialNumber, Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        PendingTmk before = store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmkBySerialNumber(serialNumber));
        if (before == null) {
            throw new TerminalActionRefused("no terminal with serial number " + serialNumber + " is registered");
        }
        if (before.state() != TerminalState.ACTIVE) {
            throw new TerminalActionRefused("terminal " + serialNumber + " is " + before.state()
                    + "; only an ACTIVE terminal can be re-keyed");
        }
        if (before.devicePublicKey() == null) {
            throw new TerminalActionRefused("terminal " + serialNumber + " has no device key (its TMK was loaded at the"
                    + " warehouse, not sent over the air): load a new TMK locally with `terminal export-tmk`");
        }
        // the new TMK is of the old one's cipher: the terminal's profile (3DES, or SM4 for 006) does not change
        Terminal current = store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber(serialNumber));
        WrappedKey tmk = hsm.generateKey(KeyUsage.TMK, WrappedKey.decode(current.tmkWrapped()).algorithm(), 16);
        store.write(s -> {
            // the conditions again, under the update: a revocation in between wins
            if (s.getMapper(TerminalMapper.class).orderRekey(serialNumber, tmk.encoded(), tmk.checkValueHex(),
                    clock.instant()) != 1) {
                throw new TerminalActionRefused("terminal " + serialNumber + " stopped being ACTIVE; nothing ordered");
            }
            AuditTrail.record(s, clock.instant(), actor, "terminal.rekey", serialNumber, "OK",
                    before.ordered() ? "replaces the TMK ordered at " + before.rekeyOrderedAt() : "new TMK ordered",
                    "tmk-cv=" + before.tmkCheckValue() + (before.ordered() ? " pending-tmk-cv="
                            + before.pendingTmkCheckValue() : ""),
                    "tmk-cv=" + before.tmkCheckValue() + " pending-tmk-cv=" + tmk.checkValueHex());
            return null;
        });
        return tmk.checkValueHex();
    }
}
