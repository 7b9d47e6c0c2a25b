package tms.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.simulator.TerminalProfile;
import tms.store.TerminalMapper;

/**
 * The terminals a load run drives: LOAD-0001, LOAD-0002, ... with TIDs L0000001, ... at one load-test
 * merchant, each with its own random TMK held by the server and by the simulator (its profile under
 * DATA/simulator/load). Provisioning is idempotent: terminals both sides already have are kept.
 */
final class LoadTerminalFleet {

    static final String MID = "898100099990001";
    private static final String MERCHANT_NAME = "Load test merchant";

    private final Path directory;
    private final SecurityModule terminalKeys;

    LoadTerminalFleet(Path simulatorDirectory, SecurityModule terminalKeys) {
        this.directory = simulatorDirectory.resolve("load");
        this.terminalKeys = terminalKeys;
    }

    static String serialNumber(int index) {
        return String.format("LOAD-%04d", index + 1);
    }

    static String tid(int index) {
        return String.format("L%07d", index + 1);
    }

    private Path profileFile(int index) {
        return directory.resolve(serialNumber(index) + ".properties");
    }

    /** Registers on the server the first {@code count} load terminals it lacks; returns how many were new. */
    int provision(int count, Installation server, PrintStream out) throws IOException {
        TerminalProvisioning provisioning = new TerminalProvisioning(server.store(), server.hsm());
        SecureRandom random = new SecureRandom();
        int added = 0;
        for (int i = 0; i < count; i++) {
            String tid = tid(i);
            boolean registered = server.store().read(s -> s.getMapper(TerminalMapper.class).findByTid(tid)) != null;
            if (registered && Files.exists(profileFile(i))) {
                continue;
            }
            if (registered) {
                throw new UserError("the server has load terminal " + tid + " but the simulator has no keys for it ("
                        + profileFile(i) + " is missing): use a fresh --data directory");
            }
            // the TMK as the warehouse injects it: fresh random components go to both sides, then are forgotten
            byte[] component = new byte[16];
            random.nextBytes(component);
            try {
                provisioning.provision(new TerminalProvisioning.Request(serialNumber(i), tid, MID, MERCHANT_NAME,
                        "SIM-LOAD", null, null), List.of(HexFormat.of().formatHex(component)), null);
                WrappedKey tmk = terminalKeys.formKeyFromComponents(KeyUsage.TMK, List.of(component.clone()));
                new TerminalProfile(serialNumber(i), tid, MID, tmk, 0).save(profileFile(i));
            } finally {
                Arrays.fill(component, (byte) 0);
            }
            added++;
        }
        out.println("load terminals: " + added + " provisioned, " + (count - added) + " already there"
                + " (TIDs " + tid(0) + ".." + tid(count - 1) + ", merchant " + MID + ")");
        return added;
    }

    /** The profiles of the first {@code count} load terminals; a missing one says how to provision. */
    List<TerminalProfile> profiles(int count) throws IOException {
        List<TerminalProfile> profiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!Files.exists(profileFile(i))) {
                throw new UserError("load terminal " + serialNumber(i) + " is not provisioned (no " + profileFile(i)
                        + "): add --provision with the server's LMK options (e.g. --dev-lmk) to register "
                        + count + " load terminals");
            }
            profiles.add(TerminalProfile.load(profileFile(i)));
        }
        return profiles;
    }

    /** Keeps each terminal's trace counter, so the next run does not reuse trace numbers in the batch. */
    void save(List<TerminalProfile> profiles) throws IOException {
        for (int i = 0; i < profiles.size(); i++) {
            profiles.get(i).save(profileFile(i));
        }
    }
}
