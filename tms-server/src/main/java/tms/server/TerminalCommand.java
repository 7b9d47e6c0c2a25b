package tms.server;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.admin.ActivationCodes;
import tms.admin.Actor;
import tms.admin.IssuedActivationCode;
import tms.admin.StockIn;
import tms.admin.TerminalActionRefused;
import tms.admin.TerminalRekey;
import tms.admin.TmkExport;
import tms.admin.TerminalRevocation;

/** terminal: register and look after terminals. */
@Command(name = "terminal", mixinStandardHelpOptions = true, description = "Register and look after terminals.",
        subcommands = {TerminalCommand.Provision.class, TerminalCommand.Register.class, TerminalCommand.Activate.class,
                TerminalCommand.Unlock.class, TerminalCommand.Revoke.class, TerminalCommand.Rekey.class,
                TerminalCommand.ExportTmk.class})
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

        @Option(names = {"--merchant", "--mid"}, required = true, paramLabel = "MID",
                description = "Merchant ID, 15 characters.")
        String mid;

        @Option(names = "--merchant-name", paramLabel = "NAME", description = "Registers the merchant if the MID is new.")
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
            return TypedComponents.lines("Enter the TMK components, 32 hex characters each, one per line; end with Ctrl+D:");
        }
    }

    /** terminal register: a unit into stock, to be activated over the air. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Put a terminal into stock (IN_STOCK) with its three codes, ready for activation over the air.")
    static final class Register implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "Device serial number.")
        String serialNumber;

        @Option(names = "--model", paramLabel = "MODEL", description = "Terminal model.")
        String model;

        @Option(names = "--psam", paramLabel = "NUMBER", description = "PSAM / secure element number.")
        String psam;

        @Option(names = "--iccid", paramLabel = "ICCID", description = "SIM card ICCID.")
        String iccid;

        @Override
        public Integer call() throws IOException {
            try (Installation inst = Installation.open(installation, System.err)) {
                new StockIn(inst.store(), Clock.systemUTC()).register(serialNumber, psam, iccid, model, Actor.commandLine());
                System.out.println("terminal " + serialNumber + " is in stock; issue an activation code with"
                        + " `terminal activate --sn " + serialNumber + " --merchant MID`");
            }
            return 0;
        }
    }

    /** terminal activate: a single-use activation code for a serial number and a merchant. */
    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Issue a single-use activation code bound to the serial number and merchant. The code is",
                    "shown once; the terminal presents it to the gateway to get its TID, MID and TMK."})
    static final class Activate implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "Device serial number.")
        String serialNumber;

        @Option(names = {"--merchant", "--mid"}, required = true, paramLabel = "MID",
                description = "Merchant ID, 15 characters.")
        String mid;

        @Option(names = "--merchant-name", paramLabel = "NAME", description = "Registers the merchant if the MID is new.")
        String merchantName;

        @Option(names = "--valid-hours", defaultValue = "24", paramLabel = "N",
                description = "How long the code is valid (default ${DEFAULT-VALUE} hours).")
        int validHours;

        @Override
        public Integer call() throws IOException {
            try (Installation inst = Installation.open(installation, System.err)) {
                IssuedActivationCode code = new ActivationCodes(inst.store(), inst.hsm(), Clock.systemUTC(),
                        new SecureRandom()).issue(serialNumber, mid, merchantName, Duration.ofHours(validHours),
                        Actor.commandLine());
                System.out.println("activation code for " + serialNumber + " (merchant " + mid + "): " + code.code());
                System.out.println("valid until " + code.expiresAt() + "; it is shown only now, single use;"
                        + " " + tms.gateway.ActivationHandler.MAX_WRONG_CODES + " wrong tries lock the serial");
            }
            return 0;
        }
    }

    /** terminal unlock: after five wrong activation codes. */
    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = "Lift the lock that wrong activation codes put on a serial number.")
    static final class Unlock implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "Device serial number.")
        String serialNumber;

        @Override
        public Integer call() throws IOException {
            try (Installation inst = Installation.open(installation, System.err)) {
                new ActivationCodes(inst.store(), inst.hsm(), Clock.systemUTC(), new SecureRandom())
                        .unlock(serialNumber, Actor.commandLine());
                System.out.println("terminal " + serialNumber + " is unlocked");
            }
            return 0;
        }
    }

    /** terminal revoke: the terminal may no longer transact; its open session is closed. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a terminal: its open session is closed within a second and its next sign-in gets 58.")
    static final class Revoke implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "Device serial number.")
        String serialNumber;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; kept in the audit log.")
        String reason;

        @Override
        public Integer call() throws IOException {
            try (Installation inst = Installation.open(installation, System.err)) {
                new TerminalRevocation(inst.store(), Clock.systemUTC()).revoke(serialNumber, reason, Actor.commandLine());
                System.out.println("terminal " + serialNumber + " is revoked");
            }
            return 0;
        }
    }

    /** terminal rekey: a new TMK waits for the terminal, which fetches and confirms it at its next contact. */
    @Command(name = "rekey", mixinStandardHelpOptions = true,
            description = {"Order a new TMK for an active terminal activated over the air. It reaches the terminal",
                    "under its device key the next time it talks to the gateway; the old TMK works until the",
                    "terminal confirms the new one, then the terminal must sign in again."})
    static final class Rekey implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "Device serial number.")
        String serialNumber;

        @Override
        public Integer call() throws IOException {
            try (Installation inst = Installation.open(installation, System.err)) {
                String checkValue = new TerminalRekey(inst.store(), inst.hsm(), Clock.systemUTC())
                        .order(serialNumber, Actor.commandLine());
                System.out.println("new TMK ordered for terminal " + serialNumber + " (check value " + checkValue
                        + "); it is sent at the terminal's next contact");
            }
            return 0;
        }
    }

    /** terminal export-tmk: the TMK as a TR-31 key block for the warehouse's key-loading device. */
    @Command(name = "export-tmk", mixinStandardHelpOptions = true,
            description = {"Print the terminal's TMK as a TR-31 key block under the transport key shared with the",
                    "key-loading device. The custodians type the transport key's components on standard input (2 or 3",
                    "AES components of 32, 48 or 64 hex characters, one per line; end with Ctrl+D); it is not kept."})
    static final class ExportTmk implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "Device serial number.")
        String serialNumber;

        @Option(names = "--new", description = {"Make a new TMK first; it replaces the terminal's at once (the way to",
                "re-key a terminal without a device key). The terminal must then sign in again."})
        boolean renew;

        @Override
        public Integer call() throws IOException {
            List<byte[]> components = readTransportKeyComponents();
            try (Installation inst = Installation.open(installation, System.err)) {
                TmkExport.Exported exported = new TmkExport(inst.store(), inst.hsm(), Clock.systemUTC())
                        .export(serialNumber, components, renew, Actor.commandLine());
                System.err.println("transport key check value " + exported.transportKeyCheckValue()
                        + " (compare with the key-loading device's); TMK check value " + exported.tmkCheckValue()
                        + (exported.renewed() ? " (new: the terminal's old TMK no longer works)" : ""));
                System.out.println(exported.keyBlock());
            }
            return 0;
        }

        private static List<byte[]> readTransportKeyComponents() throws IOException {
            return TypedComponents.hex(
                    TypedComponents.lines("Enter the transport key components, hex, one per line; end with Ctrl+D:"),
                    "(?i)[0-9a-f]{32}|[0-9a-f]{48}|[0-9a-f]{64}", (number, line) -> new TerminalActionRefused(
                            "transport key component " + number + " has " + line.length() + " characters or is not"
                                    + " hexadecimal: an AES component is 32, 48 or 64 hex characters"));
        }
    }
}
