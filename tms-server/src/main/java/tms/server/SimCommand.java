package tms.server;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.gateway.HostSigningKeys;
import tms.hsm.DeviceKeyAlgorithm;
import tms.hsm.DeviceKeyPair;
import tms.hsm.HostPublicKey;
import tms.hsm.KeyAlgorithm;
import tms.simulator.ActivationRefused;
import tms.simulator.DeviceActivation;
import tms.simulator.SignInResult;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TerminalProfile;
import tms.simulator.TransactionResult;

/** sim: a POS terminal in software that dials the gateway. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "A simulated POS terminal: sign in, buy, pre-authorise and complete, ask a balance, or run the whole demo.",
        subcommands = {SimCommand.SignIn.class, SimCommand.Purchase.class, SimCommand.Balance.class,
                SimPreAuthCommands.PreAuthorisation.class, SimPreAuthCommands.PreAuthorisationVoid.class,
                SimPreAuthCommands.Completion.class, SimPreAuthCommands.CompletionVoid.class,
                SimCommand.Demo.class, SimCommand.Activate.class, LoadCommand.class})
public final class SimCommand {

    static final String DEMO_SERIAL = "DEMO-0001";
    static final String DEMO_TID = "90000001";
    static final String DEMO_MID = "898100054110001";
    static final String DEMO_PAN = "6212261234567890";

    /** Where the simulated terminal is and how to reach the gateway. */
    static final class Connection {

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Gateway host (default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "8583", description = "Gateway port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "Data directory; the simulator keeps its terminal under DIR/simulator (default ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--timeout", defaultValue = "10", description = "Seconds to wait for an answer (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        Path simulatorDir() {
            return data.toAbsolutePath().normalize().resolve("simulator");
        }

        Path profileFile() {
            return simulatorDir().resolve("terminal.properties");
        }

        /** The simulated terminal's own key store: a development LMK of its own, never the host's. */
        SecurityModule terminalKeys() {
            return new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(simulatorDir().resolve("terminal-lmk.key")));
        }

        SimulatedTerminal dial(TerminalProfile profile, SecurityModule keys) throws IOException {
            try {
                return new SimulatedTerminal(profile, keys, host, port, Duration.ofSeconds(timeoutSeconds));
            } catch (IOException e) {
                throw new IOException("cannot reach the gateway at " + host + ":" + port + " (" + e.getMessage()
                        + "): is `./tms run` running? Use --host/--port if it listens elsewhere", e);
            }
        }
    }

    @Command(name = "signin", mixinStandardHelpOptions = true, description = "Sign in and show the working keys' check values.")
    static final class SignIn implements Callable<Integer> {

        @Mixin
        Connection connection;

        @Option(names = "--network-code",
                description = {"60.3: 001 single-length keys, 003 double-length, 004 plus TDK, 006 SM4 keys (a terminal",
                        "with an SM4 TMK) (default 004, or 006 for a terminal with an SM4 TMK)."})
        String networkCode;

        @Override
        public Integer call() throws IOException {
            SecurityModule keys = connection.terminalKeys();
            TerminalProfile profile = TerminalProfile.load(connection.profileFile());
            try (SimulatedTerminal terminal = connection.dial(profile, keys)) {
                SignInResult result = terminal.signIn(networkCode != null ? networkCode : profile.signInLayout());
                profile.save(connection.profileFile());
                printSignIn(profile, result, System.out);
                return result.approved() ? 0 : 3;
            }
        }
    }

    @Command(name = "purchase", mixinStandardHelpOptions = true, description = "Sign in, then buy.")
    static final class Purchase implements Callable<Integer> {

        @Mixin
        Connection connection;

        @Option(names = "--amount", required = true, paramLabel = "YUAN", description = "Amount in yuan, e.g. 12.34.")
        String amount;

        @Option(names = "--pan", defaultValue = DEMO_PAN, paramLabel = "PAN",
                description = "Card number (default a test card; one ending 0051 is declined with 51).")
        String pan;

        @Override
        public Integer call() throws IOException {
            long fen = fen(amount);
            return signedInThen(connection, "purchase of " + amount + " yuan", t -> t.purchase(fen, pan));
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Sign in, then ask the card's balance.")
    static final class Balance implements Callable<Integer> {

        @Mixin
        Connection connection;

        @Option(names = "--pan", defaultValue = DEMO_PAN, paramLabel = "PAN", description = "Card number.")
        String pan;

        @Override
        public Integer call() throws IOException {
            return signedInThen(connection, "balance inquiry", t -> t.balanceInquiry(pan));
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Provision the demo terminal if missing, sign in, buy 12.34 yuan, and print the outcome.")
    static final class Demo implements Callable<Integer> {

        @Mixin
        Connection connection;

        @Mixin
        DatabaseOptions database;

        @Mixin
        LmkOptions lmk;

        @Override
        public Integer call() throws IOException {
            PrintStream out = System.out;
            SecurityModule keys = connection.terminalKeys();
            TerminalProfile profile = demoTerminal(keys, out);
            try (SimulatedTerminal terminal = connection.dial(profile, keys)) {
                SignInResult signIn = terminal.signIn("004");
                printSignIn(profile, signIn, out);
                if (!signIn.approved()) {
                    profile.save(connection.profileFile());
                    return 3;
                }
                TransactionResult result = terminal.purchase(1234, DEMO_PAN);
                printTransaction("purchase of 12.34 yuan", result, out);
                terminal.signOff();
                profile.save(connection.profileFile());
                out.println("See it captured: ./tms transactions" + dataHint());
                return result.approved() ? 0 : 3;
            }
        }

        private String dataHint() {
            return connection.data.equals(Path.of("data")) ? "" : " --data " + connection.data;
        }

        /**
         * The demo terminal, registered on the server as the warehouse would: fresh random components go to
         * both the server's security module and the terminal's own, and then are forgotten.
         */
        private TerminalProfile demoTerminal(SecurityModule terminalKeys, PrintStream out) throws IOException {
            InstallationOptions options = new InstallationOptions(connection.data, database, lmk);
            try (Installation server = Installation.open(options, System.err)) {
                WarehouseInjection.Injected demo = new WarehouseInjection(server, terminalKeys).ensure(
                        new TerminalProvisioning.Request(DEMO_SERIAL, DEMO_TID, DEMO_MID, "Demo merchant", "SIM-1",
                                null, null), connection.profileFile(), "demo terminal");
                if (demo.added()) {
                    out.println("provisioned demo terminal " + DEMO_SERIAL + ": TID " + DEMO_TID + ", MID " + DEMO_MID
                            + ", TMK check value " + demo.checkValue());
                }
                return demo.profile();
            }
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Be a new device: make a device key pair, activate over the air with a technician's code,",
                    "check the host's signature, keep the TMK; then `sim signin` and `sim purchase` work."})
    static final class Activate implements Callable<Integer> {

        @Mixin
        Connection connection;

        @Mixin
        DatabaseOptions database;

        @Mixin
        LmkOptions lmk;

        @Option(names = "--sn", required = true, paramLabel = "SERIAL", description = "The device's serial number.")
        String serialNumber;

        @Option(names = "--code", required = true, paramLabel = "CODE", description = "The activation code.")
        String code;

        @Option(names = "--algorithm", defaultValue = "SM2",
                description = "Device key pair: SM2 or RSA (default ${DEFAULT-VALUE}).")
        DeviceKeyAlgorithm algorithm;

        @Option(names = "--cipher", defaultValue = "TDES", paramLabel = "TDES|SM4",
                description = {"The TMK asked for: TDES (signs in with 001/003/004) or SM4 (the national-cipher",
                        "profile, signs in with 006) (default ${DEFAULT-VALUE})."})
        SimulatedCipher cipher;

        @Override
        public Integer call() throws IOException {
            SecurityModule keys = connection.terminalKeys();
            // a real device is built holding the host's public key; the simulator reads it from the server
            HostPublicKey hostKey;
            try (Installation server = Installation.open(new InstallationOptions(connection.data, database, lmk), System.err)) {
                hostKey = new HostSigningKeys(server.store(), server.hsm(), tms.admin.Actor.commandLine().name())
                        .publicKey(algorithm);
            }
            DeviceKeyPair device = DeviceKeyPair.generate(algorithm);
            TerminalProfile placeholder = new TerminalProfile(serialNumber, "00000000", "000000000000000", null, 0);
            try (SimulatedTerminal terminal = connection.dial(placeholder, keys)) {
                TerminalProfile profile = DeviceActivation.activate(terminal, keys, device, hostKey, serialNumber,
                        "SIM-1", code, cipher.algorithm);
                profile.save(connection.profileFile());
                System.out.println("activated " + serialNumber + " as TID " + profile.tid() + " for merchant "
                        + profile.mid() + "; " + profile.tmk().algorithm() + " TMK check value " + profile.tmk().checkValueHex()
                        + " (host signature verified, " + algorithm + " device key)");
                return 0;
            } catch (ActivationRefused e) {
                System.out.println("activation refused: response code " + e.responseCode() + " "
                        + ResponseText.ofActivation(e.responseCode()));
                return 3;
            }
        }
    }

    /** What one signed-in exchange does with the terminal. */
    @FunctionalInterface
    interface Exchange {
        TransactionResult with(SimulatedTerminal terminal) throws IOException;
    }

    /**
     * Dials and performs the exchange with the working keys of the last sign-in, signing in (004) first when
     * there are none, and once more when the host answers A0 (its keys changed), as terminals do. The
     * profile, with its trace counter and keys, is saved whatever happens. Exit code 0 approved, 3 refused.
     */
    static int signedInThen(Connection connection, String what, Exchange exchange) throws IOException {
        SecurityModule keys = connection.terminalKeys();
        TerminalProfile profile = TerminalProfile.load(connection.profileFile());
        try (SimulatedTerminal terminal = connection.dial(profile, keys)) {
            if (!terminal.signedIn() && !signIn(terminal, profile)) {
                return 3;
            }
            TransactionResult result = exchange.with(terminal);
            if ("A0".equals(result.responseCode())) {
                System.out.println(what + ": response code A0 (MAC failure): signing in again");
                if (!signIn(terminal, profile)) {
                    return 3;
                }
                result = exchange.with(terminal);
            }
            printTransaction(what, result, System.out);
            return result.approved() ? 0 : 3;
        } finally {
            profile.save(connection.profileFile());
        }
    }

    /** The TMK ciphers a simulated device may ask for at activation. */
    enum SimulatedCipher {
        TDES(KeyAlgorithm.TDES), SM4(KeyAlgorithm.SM4);

        final KeyAlgorithm algorithm;

        SimulatedCipher(KeyAlgorithm algorithm) {
            this.algorithm = algorithm;
        }
    }

    private static boolean signIn(SimulatedTerminal terminal, TerminalProfile profile) throws IOException {
        SignInResult signIn = terminal.signIn(profile.signInLayout());
        if (!signIn.approved()) {
            printSignIn(profile, signIn, System.out);
        }
        return signIn.approved();
    }

    static long fen(String yuan) {
        try {
            BigDecimal value = new BigDecimal(yuan.strip());
            if (value.scale() > 2 || value.signum() <= 0 || value.compareTo(new BigDecimal("9999999999.99")) > 0) {
                throw new NumberFormatException();
            }
            return value.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserError("--amount '" + yuan + "' is not an amount in yuan: give a positive number with at"
                    + " most two decimals, e.g. 12.34");
        }
    }

    static void printSignIn(TerminalProfile profile, SignInResult r, PrintStream out) {
        if (r.approved()) {
            out.println("signed in: terminal " + profile.tid() + ", batch " + r.batch() + ", PIK " + r.pikCheckValue()
                    + ", MAK " + r.makCheckValue() + (r.tdkCheckValue() == null ? "" : ", TDK " + r.tdkCheckValue())
                    + " (check values)");
        } else {
            out.println("sign-in refused: response code " + r.responseCode() + " " + ResponseText.of(r.responseCode()));
        }
    }

    static void printTransaction(String what, TransactionResult r, PrintStream out) {
        out.println(what + ": response code " + r.responseCode() + " " + ResponseText.of(r.responseCode())
                + (r.rrn() == null ? "" : ", RRN " + r.rrn())
                + (r.authCode() == null ? "" : ", auth code " + r.authCode())
                + ", trace " + r.trace() + ", batch " + r.batch()
                + (r.balanceField() == null ? "" : ", balance " + r.balanceField())
                + (r.responseMacVerified() ? ", response MAC verified" : ""));
    }
}
