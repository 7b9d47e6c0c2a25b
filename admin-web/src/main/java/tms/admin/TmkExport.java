package tms.admin;

import java.time.Clock;
import java.util.List;

import tms.hsm.HsmException;
import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/**
 * A terminal's TMK for a key-loading device at the warehouse (PROTOCOL.md §5, local injection): a TR-31 key
 * block under the transport key the device shares with this host, which the custodians form from their
 * components on the spot, so that it is never stored here. With {@code renew}, a new TMK is made first and
 * replaces the terminal's at once (its working keys and any re-key order are forgotten): the way to re-key a
 * terminal that has no device key.
 */
public final class TmkExport {

    /** What the technician hands to the key-loading device, and the check values to compare on its screen. */
    public record Exported(String keyBlock, String tmkCheckValue, String transportKeyCheckValue, boolean renewed) {
    }

    private final Store store;
    private final SecurityModule hsm;
    private final Clock clock;

    public TmkExport(Store store, SecurityModule hsm, Clock clock) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
    }

    /** @param transportKeyComponents 2 or 3 clear AES components of 16, 24 or 32 bytes each, zeroed here */
    public Exported export(String serialNumber, List<byte[]> transportKeyComponents, boolean renew, Actor actor) {
        TerminalFields.requireSerial(serialNumber);
        try {
            if (transportKeyComponents == null || transportKeyComponents.size() < 2 || transportKeyComponents.size() > 3) {
                throw new TerminalActionRefused("the transport key needs 2 or 3 components (one per custodian), got "
                        + (transportKeyComponents == null ? 0 : transportKeyComponents.size()));
            }
            Terminal terminal = store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber(serialNumber));
            if (terminal == null) {
                throw new TerminalActionRefused("no terminal with serial number " + serialNumber + " is registered");
            }
            if (terminal.state() == TerminalState.REVOKED) {
                throw new TerminalActionRefused("terminal " + serialNumber + " is revoked; its TMK is not given out");
            }
            if (terminal.tmkWrapped() == null && !renew) {
                throw new TerminalActionRefused("terminal " + serialNumber + " has no TMK yet: give --new to make one");
            }
            WrappedKey transportKey;
            try {
                transportKey = hsm.formKeyFromComponents(KeyUsage.KEK, KeyAlgorithm.AES, transportKeyComponents);
            } catch (HsmException e) {
                throw new TerminalActionRefused("the transport key components are unusable: " + e.getMessage());
            }
            WrappedKey tmk;
            if (renew) {
                KeyAlgorithm cipher = terminal.tmkWrapped() == null ? KeyAlgorithm.TDES
                        : WrappedKey.decode(terminal.tmkWrapped()).algorithm();
                tmk = hsm.generateKey(KeyUsage.TMK, cipher, 16);
            } else {
                tmk = WrappedKey.decode(terminal.tmkWrapped());
            }
            String block = hsm.exportKeyBlock(tmk, transportKey);
            store.write(s -> {
                if (renew && s.getMapper(TerminalMapper.class).replaceTmk(serialNumber, tmk.encoded(),
                        tmk.checkValueHex()) != 1) {
                    throw new TerminalActionRefused("terminal " + serialNumber + " was revoked meanwhile; nothing changed");
                }
                AuditTrail.record(s, clock.instant(), actor, "terminal.export-tmk", serialNumber, "OK",
                        (renew ? "new TMK made and " : "TMK ") + "exported as a TR-31 block under transport key cv "
                                + transportKey.checkValueHex(),
                        "tmk-cv=" + terminal.tmkCheckValue(), "tmk-cv=" + tmk.checkValueHex());
                return null;
            });
            return new Exported(block, tmk.checkValueHex(), transportKey.checkValueHex(), renew);
        } finally {
            if (transportKeyComponents != null) {
                transportKeyComponents.forEach(c -> java.util.Arrays.fill(c, (byte) 0));
            }
        }
    }
}
