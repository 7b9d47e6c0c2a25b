package tms.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

import tms.hsm.Lmk;

/** Which LMK an installation is opened with: custodians' components (files or typed) or the development LMK file. */
public final class LmkOptions {

    static final String DEV_LMK_FILE = "dev-lmk.key";

    @Option(names = "--lmk-component", paramLabel = "FILE",
            description = "A custodian's LMK component file (from `lmk init`, owner-only permissions); give 2 or 3.")
    List<Path> componentFiles = List.of();

    @Option(names = "--lmk-components-prompt",
            description = "Ask each custodian to type their LMK component, hidden, at this terminal.")
    boolean prompt;

    @Option(names = "--dev-lmk",
            description = "Use the DEVELOPMENT LMK file DATA/" + DEV_LMK_FILE + " (created on first use): never for real keys.")
    boolean development;

    public LmkOptions() {
    }

    /** The development LMK under the data directory (tests, the quickstart). */
    public static LmkOptions developmentLmk() {
        LmkOptions options = new LmkOptions();
        options.development = true;
        return options;
    }

    /** The components in these files. */
    public static LmkOptions componentFiles(List<Path> files) {
        LmkOptions options = new LmkOptions();
        options.componentFiles = List.copyOf(files);
        return options;
    }

    boolean isDevelopment() {
        return development;
    }

    /** The development LMK's file under a data directory. */
    static Path developmentFile(Path data) {
        return data.resolve(DEV_LMK_FILE);
    }

    /** Refuses no choice or more than one, naming the options; before anything is opened. */
    void requireOneChoice() {
        int chosen = (componentFiles.isEmpty() ? 0 : 1) + (prompt ? 1 : 0) + (development ? 1 : 0);
        if (chosen == 0) {
            throw new UserError("no LMK given: start with the custodians' components (--lmk-component FILE, 2 or 3 "
                    + "times, or --lmk-components-prompt), or, for development only, --dev-lmk");
        }
        if (chosen > 1) {
            throw new UserError("give the LMK one way only: --lmk-component FILE (2 or 3), --lmk-components-prompt, "
                    + "or --dev-lmk");
        }
    }

    /** The LMK these options name; reports each component's and the LMK's check value on {@code console}. */
    Lmk load(Path data, PrintStream console) {
        requireOneChoice();
        if (development) {
            Path file = developmentFile(data);
            Lmk lmk = Lmk.loadOrCreateDevelopment(file);
            console.println("WARNING: " + (lmk.createdNow() ? "created" : "using") + " the DEVELOPMENT LMK at " + file
                    + " (check value " + lmk.checkValueHex() + "). It is kept in clear on disk and protects nothing: "
                    + "never load real keys here. Production starts with the custodians' components "
                    + "(--lmk-component FILE or --lmk-components-prompt).");
            return lmk;
        }
        if (prompt) {
            return LmkComponents.typed(CustodianConsole.system("give the component files with --lmk-component FILE instead"));
        }
        return LmkComponents.fromFiles(componentFiles, console);
    }
}
