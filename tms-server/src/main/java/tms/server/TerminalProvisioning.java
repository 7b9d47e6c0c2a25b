package tms.server;

import java.util.HexFormat;
import java.util.List;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.store.Merchant;
import tms.store.MerchantMapper;
import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/**
 * Registers a terminal whose TMK was injected locally at the warehouse: the TMK is formed inside the
 * security module from clear components, and only its LMK-wrapped form and check value are stored.
 */
public final class TerminalProvisioning {

    private final Store store;
    private final SecurityModule hsm;

    public TerminalProvisioning(Store store, SecurityModule hsm) {
        this.store = store;
        this.hsm = hsm;
    }

    /** What the warehouse knows about the unit and where it goes. */
    public record Request(String serialNumber, String tid, String mid, String merchantName, String model,
                          String psamNumber, String simIccid) {
    }

    /**
     * Forms the TMK from hex components, refuses a check-value mismatch when {@code expectedCheckValue} is
     * given, and stores the terminal ACTIVE (with its merchant, created if new) in one transaction.
     *
     * @return the TMK's check value (8 hex characters)
     */
    public String provision(Request request, List<String> hexComponents, String expectedCheckValue) {
        validate(request);
        if (hexComponents.isEmpty()) {
            throw new UserError("no TMK components were given: give 1 to 3 components of 32 hex characters"
                    + " on standard input, one per line");
        }
        if (hexComponents.size() > 3) {
            throw new UserError(hexComponents.size() + " TMK components were given: give 1 to 3");
        }
        List<byte[]> components = new java.util.ArrayList<>();
        for (int i = 0; i < hexComponents.size(); i++) {
            components.add(parseComponent(i + 1, hexComponents.get(i)));
        }
        WrappedKey tmk;
        try {
            tmk = hsm.formKeyFromComponents(KeyUsage.TMK, components);
        } finally {
            components.forEach(c -> java.util.Arrays.fill(c, (byte) 0));
        }
        String checkValue = tmk.checkValueHex();
        if (expectedCheckValue != null && !expectedCheckValue.equalsIgnoreCase(checkValue)) {
            throw new UserError("the components form a TMK with check value " + checkValue + ", not "
                    + expectedCheckValue.toUpperCase() + ": check each component with its custodian; nothing was stored");
        }
        store.write(s -> {
            TerminalMapper terminals = s.getMapper(TerminalMapper.class);
            if (terminals.findBySerialNumber(request.serialNumber()) != null) {
                throw new UserError("a terminal with serial number " + request.serialNumber() + " is already registered");
            }
            if (terminals.findByTid(request.tid()) != null) {
                throw new UserError("TID " + request.tid() + " is already given to another terminal");
            }
            MerchantMapper merchants = s.getMapper(MerchantMapper.class);
            if (merchants.findByMid(request.mid()) == null) {
                if (request.merchantName() == null) {
                    throw new UserError("merchant " + request.mid() + " is not known: give its name with --merchant-name"
                            + " to register it");
                }
                merchants.insert(new Merchant(null, request.mid(), request.merchantName(), null));
            }
            terminals.insert(new Terminal(null, request.serialNumber(), request.psamNumber(), request.simIccid(),
                    request.model(), request.tid(), request.mid(), TerminalState.ACTIVE, tmk.encoded(), checkValue,
                    null, null, null));
            return null;
        });
        return checkValue;
    }

    private static void validate(Request r) {
        require(r.serialNumber() != null && r.serialNumber().matches("[A-Za-z0-9-]{1,32}"),
                "serial number '" + r.serialNumber() + "' must be 1 to 32 letters, digits or dashes");
        require(r.tid() != null && r.tid().matches("[0-9A-Za-z]{8}"),
                "TID '" + r.tid() + "' must be exactly 8 letters or digits");
        require(r.mid() != null && r.mid().matches("[0-9A-Za-z]{15}"),
                "MID '" + r.mid() + "' must be exactly 15 letters or digits");
        require(r.merchantName() == null || !r.merchantName().isBlank() && r.merchantName().length() <= 100,
                "merchant name must be 1 to 100 characters");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }

    private static byte[] parseComponent(int number, String hex) {
        String clean = hex.strip();
        if (clean.length() != 32) {
            throw new UserError("component " + number + " has " + clean.length()
                    + " characters: a TMK component is 32 hex characters (16 bytes)");
        }
        try {
            return HexFormat.of().parseHex(clean);
        } catch (IllegalArgumentException e) {
            throw new UserError("component " + number + " is not hexadecimal: use only 0-9 and A-F");
        }
    }
}
