package tms.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.ibatis.session.SqlSession;

import tms.hsm.SecurityModule;
import tms.store.ActivationCode;
import tms.store.ActivationCodeMapper;
import tms.store.Merchant;
import tms.store.MerchantMapper;
import tms.store.Store;
import tms.store.TerminalActivation;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/**
 * Issues single-use activation codes bound to a serial number and a merchant, and lifts the lock that five
 * wrong codes put on a serial number.
 */
public final class ActivationCodes {

    /** How long a code is valid unless the technician says otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    private static final int DIGITS = 8;

    private final Store store;
    private final SecurityModule hsm;
    private final Clock clock;
    private final SecureRandom random;

    public ActivationCodes(Store store, SecurityModule hsm, Clock clock, SecureRandom random) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
        this.random = random;
    }

    /**
     * A new code for an IN_STOCK terminal and an existing merchant (created first when {@code merchantName}
     * is given and the MID is new). Any open code of that serial is withdrawn.
     */
    public IssuedActivationCode issue(String serialNumber, String mid, String merchantName, Duration validity,
                                      Actor actor) {
        return store.write(s -> issue(s, serialNumber, mid, merchantName, validity, actor));
    }

    /**
     * {@link #issue(String, String, String, Duration, Actor)} inside the caller's transaction, so that a code issued
     * because the platform approved an application commits with that approval or not at all.
     */
    IssuedActivationCode issue(SqlSession s, String serialNumber, String mid, String merchantName, Duration validity,
                               Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        TerminalFields.requireMid(mid);
        if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(30)) > 0) {
            throw new TerminalActionRefused("an activation code must be valid for between 1 minute and 30 days, not "
                    + validity);
        }
        String code = String.format("%0" + DIGITS + "d", random.nextInt(100_000_000));
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        TerminalActivation terminal = s.getMapper(TerminalMapper.class).findActivationForUpdate(serialNumber);
        if (terminal == null) {
            throw new TerminalActionRefused("no terminal with serial number " + serialNumber
                    + " is registered: stock it in first (terminal register)");
        }
        if (terminal.state() != TerminalState.IN_STOCK) {
            throw new TerminalActionRefused("terminal " + serialNumber + " is " + terminal.state()
                    + "; only a terminal IN_STOCK can be activated"
                    + (terminal.state() == TerminalState.ACTIVE ? " (use rekey for new keys)" : ""));
        }
        MerchantMapper merchants = s.getMapper(MerchantMapper.class);
        if (merchants.findByMid(mid) == null) {
            if (merchantName == null || merchantName.isBlank()) {
                throw new TerminalActionRefused("merchant " + mid + " is not known: give its name to register it");
            }
            merchants.insert(new Merchant(null, mid, merchantName, null));
            AuditTrail.record(s, now, actor, "merchant.create", mid, "OK", "with the activation code for "
                    + serialNumber, null, "name=" + merchantName);
        }
        ActivationCodeMapper codes = s.getMapper(ActivationCodeMapper.class);
        int withdrawn = codes.withdrawOpen(serialNumber, now);
        codes.insert(new ActivationCode(null, serialNumber, mid, hsm.activationCodeHash(serialNumber, code),
                actor.name(), now, expires, null, null));
        TerminalHistory.record(s, serialNumber, terminal.state(), terminal.state(), "activation-code",
                "for merchant " + mid + ", expires " + expires, actor, now);
        AuditTrail.record(s, now, actor, "terminal.activation-code.issue", serialNumber, "OK",
                "merchant " + mid + ", expires " + expires + (withdrawn > 0 ? ", withdrew " + withdrawn + " open code(s)" : ""),
                "state=" + terminal.state(), "state=" + terminal.state() + " open-code-expires=" + expires);
        return new IssuedActivationCode(serialNumber, mid, code, expires);
    }

    /** Lifts the lock after five wrong codes, and forgets the failed tries. */
    public void unlock(String serialNumber, Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        store.write(s -> {
            TerminalMapper terminals = s.getMapper(TerminalMapper.class);
            TerminalActivation terminal = terminals.findActivationForUpdate(serialNumber);
            if (terminal == null) {
                throw new TerminalActionRefused("no terminal with serial number " + serialNumber + " is registered");
            }
            if (!terminal.locked() && terminal.failedActivations() == 0) {
                throw new TerminalActionRefused("terminal " + serialNumber + " is not locked: nothing to unlock");
            }
            terminals.unlockActivation(serialNumber);
            Instant now = clock.instant();
            TerminalHistory.record(s, serialNumber, terminal.state(), terminal.state(), "activation-unlock",
                    "after " + terminal.failedActivations() + " failed tries", actor, now);
            AuditTrail.record(s, now, actor, "terminal.activation.unlock", serialNumber, "OK", null,
                    "failed-tries=" + terminal.failedActivations() + " locked=" + terminal.locked(),
                    "failed-tries=0 locked=false");
            return null;
        });
    }
}
