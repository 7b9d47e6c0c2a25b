package tms.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.hsm.Lmk;
import tms.hsm.LmkComponent;
import tms.hsm.LmkRotation;
import tms.store.Store;
import tms.store.StoredKeyColumn;

/** lmk: the key ceremonies — make a new LMK's components, and move every stored key to a new LMK. */
@Command(name = "lmk", mixinStandardHelpOptions = true,
        description = "LMK key ceremonies: `init` makes the custodians' components, `rotate` moves every stored key to a new LMK.",
        subcommands = {LmkCommand.Init.class, LmkCommand.Rotate.class})
public final class LmkCommand {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Make a new LMK's components, one per custodian, each shown once with its check value.",
                    "With --out DIR: one owner-only file per custodian; without it: shown at this terminal, one "
                            + "custodian at a time, the screen cleared in between."})
    static final class Init implements Callable<Integer> {

        @Option(names = "--components", required = true, paramLabel = "N",
                description = "How many custodians: 2 or 3.")
        int components;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Write lmk-component-<n>-of-<N>.txt files here (created 0700 if missing; files 0400).")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (components != 2 && components != 3) {
                throw new UserError("--components " + components + " is out of range: the LMK is formed from 2 or 3 "
                        + "components, one per custodian");
            }
            List<LmkComponent> made = new ArrayList<>();
            SecureRandom random = new SecureRandom();
            for (int n = 0; n < components; n++) {
                made.add(Lmk.newComponent(random));
            }
            // form it now: a set of components that cannot form an LMK is refused before anyone sees it
            Lmk lmk = form(made);
            if (out != null) {
                writeFiles(made, System.out);
            } else {
                show(made, CustodianConsole.system("write the components to files with --out DIR instead"));
            }
            System.out.println("LMK check value " + lmk.checkValueHex() + " (components: "
                    + String.join(", ", made.stream().map(LmkComponent::checkValueHex).toList()) + ")");
            System.out.println("Start with: tms run --lmk-component FILE ... (one per custodian) or --lmk-components-prompt;"
                    + " a running installation moves to this LMK with `tms lmk rotate`.");
            return 0;
        }

        private void writeFiles(List<LmkComponent> made, PrintStream console) throws IOException {
            Path dir = out.toAbsolutePath().normalize();
            if (!Files.exists(dir)) {
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            List<Path> files = new ArrayList<>();
            for (int n = 1; n <= made.size(); n++) {
                Path file = dir.resolve("lmk-component-" + n + "-of-" + made.size() + ".txt");
                if (Files.exists(file)) {
                    throw new UserError(file + " already exists; nothing was written. Choose another --out directory "
                            + "(a component file is never overwritten)");
                }
                files.add(file);
            }
            for (int n = 0; n < made.size(); n++) {
                made.get(n).writeOwnerOnly(files.get(n));
                console.println("component " + (n + 1) + " of " + made.size() + ": " + files.get(n) + ", check value "
                        + made.get(n).checkValueHex() + " — hand it to custodian " + (n + 1) + " only");
            }
        }

        static void show(List<LmkComponent> made, CustodianConsole console) {
            for (int n = 0; n < made.size(); n++) {
                String who = "Custodian " + (n + 1) + " of " + made.size();
                console.readLine(who + ": when only you can see this screen, press Enter. ");
                console.println(made.get(n).toText());
                console.readLine(who + ": copy the lines 1: to KCV: down, check the check value "
                        + made.get(n).checkValueHex() + ", then press Enter to clear the screen. ");
                console.clearScreen();
            }
        }

        private static Lmk form(List<LmkComponent> made) {
            List<byte[]> values = new ArrayList<>();
            try {
                for (LmkComponent component : made) {
                    values.add(component.value());
                }
                return Lmk.fromComponents(values);
            } finally {
                values.forEach(v -> Arrays.fill(v, (byte) 0));
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Re-wrap every stored key under a new LMK. Stop every server of the installation first.",
                    "The old LMK is given as at start (--lmk-component / --lmk-components-prompt / --dev-lmk), the new "
                            + "one with --new-lmk-component / --new-lmk-components-prompt.",
                    "If it is interrupted, run it again with the same LMKs: it finishes the job."})
    static final class Rotate implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Mixin
        NewLmkOptions newLmk;

        @Option(names = "--progress-every", paramLabel = "N", defaultValue = "1000",
                description = "Report progress every N rows (default ${DEFAULT-VALUE}).")
        int progressEvery;

        /** For tests: a hook after each row. */
        KeyRotation.RowListener listener = (column, rowId) -> { };

        @Override
        public Integer call() throws IOException {
            PrintStream out = System.out;
            installation.lmk.requireOneChoice();
            newLmk.requireOneChoice();
            try (Store store = Installation.openStore(installation)) {
                out.println("Old LMK:");
                Lmk oldLmk = installation.lmk.load(Installation.dataDirectory(installation), out);
                out.println("New LMK:");
                Lmk next = newLmk.load(out);
                LmkRotation rotation = new LmkRotation(oldLmk, next);
                KeyRotation.Counts counts = new KeyRotation(store, rotation, StoredKeyColumn.ALL, out, progressEvery,
                        listener).run();
                out.println(counts.rewrapped() + " key(s) re-wrapped, " + counts.alreadyDone()
                        + " already under the new LMK" + (counts.complete() ? "" : ", " + counts.changedMeanwhile()
                        + " changed by someone else during the rotation"));
                if (!counts.complete()) {
                    out.println("The rotation is NOT finished: some keys changed while it ran (is a server still "
                            + "running?). Stop every server, then re-run `tms lmk rotate` with the same LMKs.");
                    return 4;
                }
                out.println("LMK rotation finished: every key is under the LMK with check value " + rotation.newCheckValueHex()
                        + ". Start with its components from now on"
                        + (oldLmk.development() ? " (not --dev-lmk; delete " + LmkOptions.developmentFile(
                                Installation.dataDirectory(installation)) + ")" : "")
                        + "; destroy the old components.");
                return 0;
            }
        }
    }
}
