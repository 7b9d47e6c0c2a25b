package tms.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tms.hsm.HsmException;
import tms.hsm.Lmk;
import tms.hsm.LmkComponent;

/** Forms the LMK from custodians' components, from their files or typed by each of them, showing every check value. */
final class LmkComponents {

    private static final String[] LINES = {"1:", "2:", "3:", "4:", "C:", "KCV:"};

    private LmkComponents() {
    }

    /** The LMK from 2 or 3 component files written by {@code lmk init}. */
    static Lmk fromFiles(List<Path> files, PrintStream console) {
        if (files.size() < 2 || files.size() > 3) {
            throw new UserError("--lmk-component was given " + files.size() + " time(s); the LMK is formed from 2 or 3 "
                    + "components, one file per custodian");
        }
        List<LmkComponent> components = new ArrayList<>();
        for (int n = 0; n < files.size(); n++) {
            LmkComponent component = LmkComponent.readOwnerOnly(files.get(n));
            console.println("LMK component " + (n + 1) + " of " + files.size() + " (" + files.get(n) + "): check value "
                    + component.checkValueHex());
            components.add(component);
        }
        return form(components, console::println);
    }

    /** The LMK from components each custodian types at the terminal, hidden, line by line as printed by {@code lmk init}. */
    static Lmk typed(CustodianConsole console) {
        String count = console.readLine("How many LMK components (2 or 3)? ");
        if (count == null || !(count.strip().equals("2") || count.strip().equals("3"))) {
            throw new UserError("the number of LMK components must be 2 or 3, not '" + (count == null ? "" : count.strip())
                    + "'");
        }
        int total = Integer.parseInt(count.strip());
        List<LmkComponent> components = new ArrayList<>();
        for (int n = 1; n <= total; n++) {
            console.println("Custodian " + n + " of " + total + ": type your component line by line (the lines "
                    + String.join(" ", LINES) + "); nothing is shown.");
            LmkComponent component = readOne(console, n, total);
            console.println("Component " + n + " of " + total + " accepted: check value " + component.checkValueHex()
                    + " (custodian " + n + ": compare it with yours).");
            components.add(component);
        }
        return form(components, console::println);
    }

    private static LmkComponent readOne(CustodianConsole console, int n, int total) {
        StringBuilder text = new StringBuilder(200);
        try {
            for (String label : LINES) {
                char[] line = console.readHidden("  " + label + " ");
                if (line == null) {
                    throw new UserError("input ended while reading LMK component " + n + " of " + total);
                }
                try {
                    text.append(label).append(' ').append(stripLabel(line, label)).append('\n');
                } finally {
                    Arrays.fill(line, '\0');
                }
            }
            try {
                return LmkComponent.parse(text.toString());
            } catch (HsmException e) {
                throw new UserError("LMK component " + n + " of " + total + ": " + e.getMessage() + "; start again");
            }
        } finally {
            // the builder's array held the digits: overwrite it before it becomes garbage
            for (int i = 0; i < text.length(); i++) {
                text.setCharAt(i, '\0');
            }
        }
    }

    // a custodian may type the label too, as it is printed
    private static String stripLabel(char[] line, String label) {
        String typed = new String(line).strip();
        return typed.regionMatches(true, 0, label, 0, label.length()) ? typed.substring(label.length()).strip() : typed;
    }

    private static Lmk form(List<LmkComponent> components, java.util.function.Consumer<String> report) {
        List<byte[]> values = new ArrayList<>();
        try {
            for (LmkComponent component : components) {
                values.add(component.value());
            }
            Lmk lmk = Lmk.fromComponents(values);
            report.accept("LMK formed from " + components.size() + " components: check value " + lmk.checkValueHex());
            return lmk;
        } finally {
            for (byte[] value : values) {
                Arrays.fill(value, (byte) 0);
            }
        }
    }
}
