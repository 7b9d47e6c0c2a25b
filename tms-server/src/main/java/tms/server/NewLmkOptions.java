package tms.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

import tms.hsm.Lmk;

/** The LMK a rotation moves the keys to: always custodians' components, never a development file. */
public final class NewLmkOptions {

    @Option(names = "--new-lmk-component", paramLabel = "FILE",
            description = "A custodian's component file of the NEW LMK (from `lmk init`); give 2 or 3.")
    List<Path> componentFiles = List.of();

    @Option(names = "--new-lmk-components-prompt",
            description = "Ask each custodian of the NEW LMK to type their component, hidden, at this terminal.")
    boolean prompt;

    public NewLmkOptions() {
    }

    /** The new LMK's components in these files. */
    public static NewLmkOptions componentFiles(List<Path> files) {
        NewLmkOptions options = new NewLmkOptions();
        options.componentFiles = List.copyOf(files);
        return options;
    }

    void requireOneChoice() {
        if (componentFiles.isEmpty() == !prompt) {
            throw new UserError("give the NEW LMK one way: --new-lmk-component FILE (2 or 3 times) or "
                    + "--new-lmk-components-prompt (make its components with `tms lmk init`)");
        }
    }

    Lmk load(PrintStream console) {
        requireOneChoice();
        if (prompt) {
            return LmkComponents.typed(CustodianConsole.system("give the new component files with --new-lmk-component FILE instead"));
        }
        return LmkComponents.fromFiles(componentFiles, console);
    }
}
