package tms.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tms.hsm.SecurityModule;
import tms.simulator.TerminalProfile;

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
        WarehouseInjection warehouse = new WarehouseInjection(server, terminalKeys);
        int added = 0;
        for (int i = 0; i < count; i++) {
            WarehouseInjection.Injected terminal = warehouse.ensure(new TerminalProvisioning.Request(serialNumber(i),
                    tid(i), MID, MERCHANT_NAME, "SIM-LOAD", null, null), profileFile(i), "load terminal");
            if (terminal.added()) {
                added++;
            }
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
