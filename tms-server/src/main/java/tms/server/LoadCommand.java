package tms.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.hsm.SecurityModule;
import tms.simulator.CannedAnswerServer;
import tms.simulator.LoadGenerator;
import tms.simulator.LoadPlan;
import tms.simulator.LoadProgress;
import tms.simulator.LoadReport;
import tms.simulator.LoadReportFormat;
import tms.simulator.LoadTerminals;
import tms.simulator.TerminalProfile;

/** sim load: many simulated terminals buying at once against the gateway, and optionally against the I/O ceiling. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"N load terminals, each on its own connection, sign in (004) and buy at a fixed total rate (open "
                + "loop; latency from each request's intended send time) or as fast as they can (--rate max).",
                "--ceiling runs the same load against a server in this process that answers every frame with a canned "
                + "0210, and reports the gateway's throughput as a ratio of it. A benchmark: figures depend on the machine."})
final class LoadCommand implements Callable<Integer> {

    private static final int MAX_TERMINALS = 1000;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s|m)");

    @Mixin
    SimCommand.Connection connection;

    @Mixin
    DatabaseOptions database;

    @Mixin
    LmkOptions lmk;

    @Option(names = "--terminals", paramLabel = "N", defaultValue = "10",
            description = "Load terminals, one connection each, 1.." + MAX_TERMINALS + " (default ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "100",
            description = "Purchases per second over all terminals, or 'max' for closed loop (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s",
            description = "How long to measure, e.g. 10s, 2m, 500ms (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "3s",
            description = "Load before measuring, not counted, e.g. 0s (default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--amount", paramLabel = "YUAN", defaultValue = "12.34",
            description = "Amount of every purchase in yuan (default ${DEFAULT-VALUE}).")
    String amount;

    @Option(names = "--pan", paramLabel = "PAN", defaultValue = SimCommand.DEMO_PAN,
            description = "Card number of every purchase (default a test card the stand-in approves).")
    String pan;

    @Option(names = "--ceiling", description = "Also run the same load against a canned-answer server (the I/O ceiling).")
    boolean ceiling;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path json;

    @Option(names = "--provision",
            description = "First register the load terminals the server lacks (needs the LMK options, e.g. --dev-lmk); idempotent.")
    boolean provision;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = System.out;
        LoadPlan plan = plan();
        SecurityModule keys = connection.terminalKeys();
        LoadTerminalFleet fleet = new LoadTerminalFleet(connection.simulatorDir(), keys);
        if (provision) {
            try (Installation server = Installation.open(new InstallationOptions(connection.data, database, lmk), System.err)) {
                fleet.provision(terminals, server, out);
            }
        }
        List<TerminalProfile> profiles = fleet.profiles(terminals);
        Duration timeout = plan.timeout();

        String address = connection.host + ":" + connection.port;
        out.println("gateway " + address + ": " + describe(plan));
        LoadReport gateway;
        try {
            gateway = new LoadGenerator(plan,
                    LoadTerminals.signingIn(profiles, keys, connection.host, connection.port, timeout),
                    PROGRESS_EVERY, progress(out)).run("gateway", address);
        } finally {
            fleet.save(profiles);
        }
        LoadReport canned = null;
        if (ceiling) {
            try (CannedAnswerServer server = new CannedAnswerServer()) {
                int port = server.start(0);
                out.println("ceiling 127.0.0.1:" + port + " (canned 0210, in this process): " + describe(plan));
                canned = new LoadGenerator(plan, LoadTerminals.withLocalKeys(keys, "127.0.0.1", port, timeout),
                        PROGRESS_EVERY, progress(out)).run("ceiling", "127.0.0.1:" + port);
            }
        }
        out.println();
        out.print(LoadReportFormat.text(gateway, canned));
        if (json != null) {
            Files.writeString(json, LoadReportFormat.json(gateway, canned), StandardCharsets.UTF_8);
            out.println("JSON report written to " + json);
        }
        if (gateway.answers() == 0) {
            out.println("no answers from the gateway: is `./tms run` running on " + address
                    + ", and are the load terminals provisioned there (--provision)?");
            return 3;
        }
        return 0;
    }

    /** The options as a plan, refusing bad input with the option's name and what is allowed. */
    LoadPlan plan() {
        if (terminals < 1 || terminals > MAX_TERMINALS) {
            throw new UserError("--terminals " + terminals + " is not allowed: give 1 to " + MAX_TERMINALS);
        }
        if (connection.timeoutSeconds < 1) {
            throw new UserError("--timeout " + connection.timeoutSeconds + " is not allowed: give 1 or more seconds");
        }
        Duration measured = duration("--duration", duration);
        if (measured.isZero()) {
            throw new UserError("--duration " + duration + " is not allowed: measure for more than 0, e.g. 10s");
        }
        return new LoadPlan(terminals, rate(), duration("--warmup", warmup), measured,
                Duration.ofSeconds(connection.timeoutSeconds), SimCommand.fen(amount), pan);
    }

    private long rate() {
        if (rate.equalsIgnoreCase("max")) {
            return 0;
        }
        try {
            long value = Long.parseLong(rate.strip());
            if (value >= 1 && value <= 1_000_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below with what is allowed
        }
        throw new UserError("--rate '" + rate + "' is not allowed: give purchases per second over all terminals as a "
                + "whole number from 1 to 1000000, or 'max' for as fast as the terminals get answers (closed loop)");
    }

    private static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UserError(option + " '" + text + "' is not a duration: give a whole number with ms, s or m, e.g. 10s");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static String describe(LoadPlan plan) {
        return plan.terminals() + " terminals, " + (plan.closedLoop() ? "closed loop" : plan.ratePerSecond() + " purchases/s")
                + ", " + plan.warmup().toMillis() / 1000.0 + " s warm-up + " + plan.duration().toMillis() / 1000.0
                + " s measured";
    }

    private static LoadProgress progress(PrintStream out) {
        return (secondsIn, answersPerSecond, p99Micros, errorsSoFar) -> out.printf(Locale.ROOT,
                "  %5.0f s  %,9.1f answers/s  p99 %,8.3f ms  errors %d%n",
                secondsIn, answersPerSecond, p99Micros / 1000.0, errorsSoFar);
    }
}
