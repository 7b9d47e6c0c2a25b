package tms.admin;

import java.time.Clock;
import java.time.Instant;

import org.apache.ibatis.session.SqlSession;

import tms.store.Store;
import tms.store.TerminalActivation;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/**
 * Revokes a terminal: it may no longer sign in (58), and every gateway node closes its open session
 * within a second (they watch the store for barred terminals).
 */
public final class TerminalRevocation {

    private final Store store;
    private final Clock clock;

    public TerminalRevocation(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void revoke(String serialNumber, String reason, Actor actor) {
        store.write(s -> {
            revoke(s, serialNumber, reason, actor);
            return null;
        });
    }

    /** {@link #revoke(String, String, Actor)} inside the caller's transaction (a revocation application's approval). */
    void revoke(SqlSession s, String serialNumber, String reason, Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new TerminalActionRefused("a revocation needs a reason of 1 to 200 characters");
        }
        TerminalMapper terminals = s.getMapper(TerminalMapper.class);
        TerminalActivation terminal = terminals.findActivationForUpdate(serialNumber);
        if (terminal == null) {
            throw new TerminalActionRefused("no terminal with serial number " + serialNumber + " is registered");
        }
        if (terminal.state() == TerminalState.REVOKED) {
            throw new TerminalActionRefused("terminal " + serialNumber + " is already revoked ("
                    + terminal.revokedReason() + ")");
        }
        terminals.revoke(serialNumber, reason);
        Instant now = clock.instant();
        TerminalHistory.record(s, serialNumber, terminal.state(), TerminalState.REVOKED, "revoke", reason, actor, now);
        AuditTrail.record(s, now, actor, "terminal.revoke", serialNumber, "OK", reason,
                "state=" + terminal.state() + " tid=" + terminal.tid(), "state=REVOKED tid=" + terminal.tid());
    }

    /**
     * Records a revocation that was asked for and not done because the asker could not confirm it (a wrong
     * password re-entered): a refused grave action belongs in the audit log too.
     */
    public void recordRefusal(String serialNumber, String why, Actor actor) {
        store.write(s -> {
            AuditTrail.record(s, clock.instant(), actor, "terminal.revoke", serialNumber, "REFUSED", why, null, null);
            return null;
        });
    }
}
