package tms.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** terminal: register and look after terminals. */
@Command(name = "terminal", mixinStandardHelpOptions = true, description = "Register and look after terminals.",
        subcommands = {TerminalCommand.Provision.class})
public final class TerminalCommand {

    /** terminal provision: a terminal whose TMK was injected at the warehouse from clear components. */
    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = {"Register a terminal whose TMK is formed from clear components read from standard input",
                    "(32 hex characters each, one per line; 1 to 3 components), and print the TMK check value."})
    static final class Provision implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "Device serial number.")
        String serialNumber;

        @Option(names = "--tid", required = true, paramLabel = "TID", description = "Terminal ID, 8 characters.")
        String tid;

        @Option(names = "--mid", required = true, paramLabel = "MID", description = "Merchant ID, 15 characters.")
        String mid;

        @Option(names = "--merchant", required = true, paramLabel = "NAME", description = "Merchant name.")
        String merchantName;

        @Option(names = "--model", paramLabel = "MODEL", description = "Terminal model.")
        String model;

        @Option(names = "--psam", paramLabel = "NUMBER", description = "PSAM / secure element number.")
        String psam;

        @Option(names = "--iccid", paramLabel = "ICCID", description = "SIM card ICCID.")
        String iccid;

        @Option(names = "--kcv", paramLabel = "HEX",
                description = "Expected TMK check value (8 hex characters): refuse to store on a mismatch.")
        String expectedCheckValue;

        @Override
        public Integer call() throws IOException {
            List<String> components = readComponents();
            try (Installation inst = Installation.open(installation, System.err)) {
                String kcv = new TerminalProvisioning(inst.store(), inst.hsm()).provision(
                        new TerminalProvisioning.Request(serialNumber, tid, mid, merchantName, model, psam, iccid),
                        components, expectedCheckValue);
                System.out.println("terminal " + serialNumber + " registered as TID " + tid + " for merchant " + mid
                        + "; TMK check value " + kcv);
            }
            return 0;
        }

        private static List<String> readComponents() throws IOException {
            System.err.println("Enter the TMK components, 32 hex characters each, one per line; end with Ctrl+D:");
            List<String> lines = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return lines;
        }
    }
}
