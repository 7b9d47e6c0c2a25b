package tms.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;

/** Clear key components that custodians type (or pipe) on standard input, one per line; blank lines are skipped. */
final class TypedComponents {

    private TypedComponents() {
    }

    /** The prompt on standard error, then every non-blank line of standard input, stripped. */
    static List<String> lines(String prompt) throws IOException {
        System.err.println(prompt);
        List<String> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /**
     * The lines as bytes; the first that does not match {@code hexPattern} is refused with what {@code refusal} makes
     * of its number (from 1) and text, so that the message names the component without echoing it elsewhere.
     */
    static List<byte[]> hex(List<String> lines, String hexPattern,
                            BiFunction<Integer, String, RuntimeException> refusal) {
        List<byte[]> components = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!line.matches(hexPattern)) {
                throw refusal.apply(components.size() + 1, line);
            }
            components.add(HexFormat.of().parseHex(line.toLowerCase()));
        }
        return components;
    }
}
