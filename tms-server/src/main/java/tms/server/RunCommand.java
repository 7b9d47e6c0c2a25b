package tms.server;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.admin.AdminServer;
import tms.admin.Actor;
import tms.admin.ConsoleAccess;
import tms.admin.InitialPassword;
import tms.admin.console.ConsoleSections;
import tms.admin.StatusReport;
import tms.gateway.GatewayConfig;
import tms.gateway.HostClock;
import tms.gateway.AcquirerLink;
import tms.gateway.AcquirerLinkConfig;
import tms.gateway.PaymentPlatform;
import tms.gateway.StandInPlatform;
import tms.admin.ZoneKeys;
import tms.hsm.KeyUsage;
import tms.hsm.MacAlgorithm;
import tms.hsm.WrappedKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tms.gateway.TerminalGateway;
import tms.gateway.UndecidedCaptures;
import tms.store.TerminalMapper;
import tms.store.TransactionMapper;

/** run: the whole system in one process — gateway, console, database, stand-in platform. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the terminal gateway and the console (embedded defaults: H2, stand-in platform); the LMK from "
                + "the custodians' components, or --dev-lmk for development.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    InstallationOptions installation;

    @Option(names = "--gateway-port", paramLabel = "N", defaultValue = "8583",
            description = "TCP port terminals dial (0 = pick a free port; default ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--admin-port", paramLabel = "N", defaultValue = "8080",
            description = "HTTP port of the console (0 = pick a free port; default ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address both servers listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--platform", paramLabel = "HOST:PORT",
            description = {"Forward authorisations to the payment platform at HOST:PORT over ISO 8583 (default: the",
                    "built-in stand-in). Needs the zone keys: ./tms platform zone-key --usage ZPK|ZAK."})
    String platform;

    @Option(names = "--platform-connections", paramLabel = "N", defaultValue = "2",
            description = "Connections to the platform (default ${DEFAULT-VALUE}).")
    int platformConnections;

    @Option(names = "--platform-timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "How long an authorisation waits for the platform before the terminal gets 98 and a reversal"
                    + " is owed (default ${DEFAULT-VALUE}).")
    long platformTimeoutMs;

    @Option(names = "--platform-mac", paramLabel = "ALGORITHM", defaultValue = "X9_19",
            description = "MACs on the platform link: X9_19, X9_9 or CUP_ECB (default ${DEFAULT-VALUE}).")
    MacAlgorithm platformMac;

    @Option(names = "--undecided-after", paramLabel = "SECONDS", defaultValue = "60",
            description = {"A transaction reserved but still undecided this long after (its gateway stopped between its two",
                    "commits) is flagged REVIEW; longer than the platform timeout (default ${DEFAULT-VALUE})."})
    long undecidedAfterSeconds;

    @Option(names = "--acquirer-id", paramLabel = "ID", description = "Field 32 sent to the platform.")
    String acquirerId;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Instant startedAt = Instant.now();
        Duration undecidedAfter = undecidedAfter();
        Installation inst = Installation.open(installation, out);
        GatewayConfig config = GatewayConfig.defaults().withBindAddress(bind).withPort(gatewayPort);
        AcquirerLink link;
        try {
            link = platform == null ? null : upstreamLink(inst).start();
        } catch (RuntimeException e) {
            inst.close();
            throw e;
        }
        // the first look runs here, before any port opens: a store that cannot be read stops the start
        UndecidedCaptures undecided = new UndecidedCaptures(inst.store(), Clock.systemUTC(), undecidedAfter);
        int flaggedAtStart;
        try {
            flaggedAtStart = undecided.start(lookEvery(undecidedAfter));
        } catch (RuntimeException e) {
            if (link != null) {
                link.close();
            }
            inst.close();
            throw e;
        }
        PaymentPlatform decider = link != null ? link : new StandInPlatform(config.standInRules());
        TerminalGateway gateway = new TerminalGateway(config, inst.store(), inst.hsm(), decider,
                new HostClock(Clock.systemUTC(), config.hostZone()));
        int boundGateway;
        try {
            boundGateway = gateway.start();
        } catch (RuntimeException e) {
            undecided.close();
            if (link != null) {
                link.close();
            }
            inst.close();
            throw e;
        }
        Clock clock = Clock.systemUTC();
        ConsoleAccess access = ConsoleAccess.over(inst.store(), clock);
        AdminServer admin;
        try {
            admin = new AdminServer(bind, adminPort, inst.store(), access,
                    () -> status(inst, gateway, startedAt, boundGateway),
                    ConsoleSections.all(inst.store(), inst.hsm(), clock, access.signIn()));
        } catch (RuntimeException e) {
            gateway.close();
            if (link != null) {
                link.close();
            }
            inst.close();
            throw e;
        }
        int boundAdmin;
        try {
            boundAdmin = admin.start();
        } catch (Exception e) {
            gateway.close();
            undecided.close();
            if (link != null) {
                link.close();
            }
            inst.close();
            throw new UserError("the console cannot listen on port " + adminPort + " (" + e.getMessage()
                    + "): stop what uses it or pass --admin-port N (0 picks a free port)");
        }
        // only once the console listens: a first password printed by a start that then failed would be lost with it
        Optional<InitialPassword> firstAdmin = access.accounts().createFirstAdmin(new Actor("system", "local"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                admin.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
            gateway.close();
            undecided.close();
            if (link != null) {
                link.close();
            }
            inst.close();
            stopped.countDown();
        }, "tms-shutdown"));

        out.println();
        out.println("tms " + Version.current() + " is running");
        out.println("  terminal gateway  tcp://" + bind + ":" + boundGateway);
        out.println("  console           http://localhost:" + boundAdmin + "/   (health: /health)");
        out.println("  database          " + inst.storeConfig().redactedUrl());
        out.println("  data directory    " + inst.data());
        out.println("  LMK               " + (inst.lmk().development()
                ? "DEVELOPMENT LMK, check value " + inst.lmk().checkValueHex() + " — never protect real keys with it"
                : "check value " + inst.lmk().checkValueHex()));
        out.println(link != null ? "  platform          " + platform + " over ISO 8583 (" + platformConnections
                + " connection(s), " + platformMac + " MACs, timeout " + platformTimeoutMs + " ms)"
                : "  platform          built-in stand-in (limit " + config.standInRules().amountLimit() / 100
                + " yuan; cards ending 0051 → 51)");
        out.println("  undecided         flagged REVIEW after " + undecidedAfter.toSeconds() + " s" + (flaggedAtStart == 0 ? ""
                : "; " + flaggedAtStart + " left by the last run flagged now: ./tms transactions --status REVIEW"));
        // standard output only, never the log: the password is shown this once and must be changed at sign-in
        firstAdmin.ifPresent(first -> out.println("  first sign-in     account '" + first.account()
                + "', one-time password " + first.password() + "   (shown only now; you choose your own at the first"
                + " sign-in)"));
        out.println("Try it: in another terminal, ./tms sim demo" + portHint(boundGateway)
                + (inst.lmk().development() ? " --dev-lmk" : " (with the LMK options given here)") + "   — Ctrl+C stops.");
        out.flush();
        stopped.await();
        return 0;
    }

    private AcquirerLink upstreamLink(Installation inst) {
        int colon = platform.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(platform.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            port = -1;
        }
        if (colon < 1 || port < 1 || port > 65535) {
            throw new UserError("--platform " + platform + " is not HOST:PORT (e.g. 10.1.2.3:6000)");
        }
        if (platformTimeoutMs < 100 || platformConnections < 1 || platformConnections > 64) {
            throw new UserError("--platform-timeout-ms must be at least 100 and --platform-connections 1 to 64");
        }
        ZoneKeys zoneKeys = new ZoneKeys(inst.store(), inst.hsm(), Clock.systemUTC());
        WrappedKey zpk = zoneKeys.find(KeyUsage.ZPK);
        WrappedKey zak = zoneKeys.find(KeyUsage.ZAK);
        if (zpk == null || zak == null) {
            throw new UserError("the link to the platform needs both zone keys; missing: " + (zpk == null ? "ZPK " : "")
                    + (zak == null ? "ZAK" : "") + " — form them with ./tms platform zone-key --usage ZPK|ZAK");
        }
        AcquirerLinkConfig linkConfig = new AcquirerLinkConfig(platform.substring(0, colon), port, platformConnections,
                Duration.ofMillis(platformTimeoutMs), Duration.ofSeconds(30), platformMac, acquirerId, Map.of(), zpk, zak);
        return new AcquirerLink(linkConfig, inst.hsm(), inst.store(), Clock.systemUTC());
    }

    private Duration undecidedAfter() {
        if (undecidedAfterSeconds < 1 || undecidedAfterSeconds > 86_400) {
            throw new UserError("--undecided-after " + undecidedAfterSeconds + " is out of range: give 1 to 86400 seconds");
        }
        if (platform != null && undecidedAfterSeconds * 1000 <= platformTimeoutMs) {
            throw new UserError("--undecided-after " + undecidedAfterSeconds + " s is not longer than --platform-timeout-ms "
                    + platformTimeoutMs + ": a transaction still waiting for the platform would be flagged; give more seconds");
        }
        return Duration.ofSeconds(undecidedAfterSeconds);
    }

    /** Often enough that a row is flagged soon after it qualifies, rarely enough to cost nothing. */
    private static Duration lookEvery(Duration undecidedAfter) {
        long millis = Math.max(1_000, Math.min(30_000, undecidedAfter.toMillis() / 2));
        return Duration.ofMillis(millis);
    }

    private static String portHint(int port) {
        return port == 8583 ? "" : " --port " + port;
    }

    private static StatusReport status(Installation inst, TerminalGateway gateway, Instant startedAt, int port) {
        long terminals = 0;
        long transactions = 0;
        boolean up = true;
        String problem = null;
        try {
            terminals = inst.store().read(s -> s.getMapper(TerminalMapper.class).count());
            transactions = inst.store().read(s -> s.getMapper(TransactionMapper.class).count());
        } catch (RuntimeException e) {
            up = false;
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new StatusReport(Version.current(), startedAt, port, gateway.openConnections(),
                inst.storeConfig().redactedUrl(), up, problem, inst.lmk().checkValueHex(), inst.lmk().development(),
                terminals, transactions);
    }
}
