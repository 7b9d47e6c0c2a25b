package tms.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.simulator.TerminalProfile;
import tms.store.TerminalMapper;

/**
 * A simulated terminal registered on the server as the warehouse would inject it: a fresh random TMK component goes
 * to both the server's security module and the terminal's own, and is then forgotten. Idempotent: a terminal both
 * sides already have is kept; one only the server has cannot be used and is refused.
 */
final class WarehouseInjection {

    /** The terminal's profile, whether it was registered just now, and its TMK check value (when it was). */
    record Injected(TerminalProfile profile, boolean added, String checkValue) {
    }

    private final Installation server;
    private final SecurityModule terminalKeys;
    private final SecureRandom random = new SecureRandom();

    WarehouseInjection(Installation server, SecurityModule terminalKeys) {
        this.server = server;
        this.terminalKeys = terminalKeys;
    }

    /**
     * @param what        how the error names the terminal ("demo terminal", "load terminal")
     * @param profileFile where the simulator keeps this terminal's keys
     */
    Injected ensure(TerminalProvisioning.Request request, Path profileFile, String what) throws IOException {
        boolean registered = server.store().read(s -> s.getMapper(TerminalMapper.class).findByTid(request.tid())) != null;
        if (registered && Files.exists(profileFile)) {
            return new Injected(TerminalProfile.load(profileFile), false, null);
        }
        if (registered) {
            throw new UserError("the server has " + what + " " + request.tid() + " but the simulator has no keys for it ("
                    + profileFile + " is missing): use a fresh --data directory");
        }
        byte[] component = new byte[16];
        random.nextBytes(component);
        try {
            String checkValue = new TerminalProvisioning(server.store(), server.hsm()).provision(request,
                    List.of(HexFormat.of().formatHex(component)), null);
            WrappedKey tmk = terminalKeys.formKeyFromComponents(KeyUsage.TMK, List.of(component));
            TerminalProfile profile = new TerminalProfile(request.serialNumber(), request.tid(), request.mid(), tmk, 0);
            profile.save(profileFile);
            return new Injected(profile, true, checkValue);
        } finally {
            Arrays.fill(component, (byte) 0);
        }
    }
}
