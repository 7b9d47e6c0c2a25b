package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tms.admin.Actor;
import tms.admin.ZoneKeys;
import tms.gateway.FakePlatform;
import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.MacAlgorithm;
import tms.hsm.SecurityModule;
import tms.hsm.Lmk;
import tms.hsm.SoftwareSecurityModule;
import tms.simulator.AutoReversingTerminal;
import tms.simulator.LoadTerminals;
import tms.simulator.PendingReversal;
import tms.simulator.TerminalProfile;
import tms.simulator.TransactionResult;
import tms.store.CapturedTransaction;
import tms.store.StoreConfig;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/**
 * Issue 4's crash test: twenty terminals buy as fast as they are answered while {@code tms run}, in a process of its
 * own, is killed with SIGKILL at a random moment and started again on the same database and port. The terminals
 * behave as CUP terminals do: one that got no answer reverses that purchase (0400, 98) before it buys again. Then,
 * whatever the moment of the kill: every approval a terminal received is captured exactly once and still APPROVED;
 * every purchase whose answer never reached its terminal is REVERSED by that terminal's reversal (or was never
 * captured, and its reversal is kept as an ORPHAN); what the killed process left undecided was flagged REVIEW when
 * the new one started; and the database holds nothing the terminals do not account for.
 */
class GatewayCrashUnderLoadTest {

    private static final int TERMINALS = 20;
    private static final byte[] CLEAR_ZPK = java.util.HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
    private static final byte[] CLEAR_ZAK = java.util.HexFormat.of().parseHex("89abcdef0123456776543210fedcba98");
    private static final int APPROVALS_AFTER_RESTART = 3;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    /** Under the stand-in's limit, and one card it approves: every answer the terminals get should be 00. */
    private static final String PAN = SimCommand.DEMO_PAN;
    private static final int SIGKILL_EXIT = 128 + 9;
    /**
     * The restarted gateway's --undecided-after: short, so that its first look flags what the killed one left
     * undecided, and long enough that its live decisions are rarely flagged (one that is gets 96, its row REVIEW).
     */
    private static final int UNDECIDED_AFTER_SECONDS = 3;
    private static final Pattern FLAGGED = Pattern.compile("PURCHASE terminal (\\w{8}) batch (\\d{6}) trace (\\d{6}) .*flagged REVIEW");

    @TempDir
    Path data;

    /**
     * Where decisions come from: the stand-in decides in process, so each purchase is one commit; a platform across
     * the network (a fake one on a real socket, approving everything) makes each purchase a PENDING row first and its
     * decision second, which is what a kill can leave undecided.
     */
    enum Decider { STAND_IN, UPSTREAM }

    static Stream<Arguments> databasesAndDeciders() {
        // a fresh TestDatabase per case: each is opened once
        return Stream.of(Decider.values()).flatMap(decider -> TestDatabases.all().map(db -> Arguments.of(db, decider)));
    }

    @ParameterizedTest(name = "[{index}] {0}, {1}")
    @MethodSource("databasesAndDeciders")
    void everyApprovalReceivedIsCapturedOnceAndEveryUnansweredPurchaseIsReversedOrFlagged(TestDatabase db,
                                                                                         Decider decider)
            throws Exception {
        long started = System.nanoTime();
        StringBuilder phases = new StringBuilder();
        DatabaseOptions database;
        Map<String, String> environment = new HashMap<>();
        if (db.name().equals("H2")) {
            database = new DatabaseOptions(); // the embedded file database under the data directory, as `tms run` uses it
        } else {
            db.open(); // a fresh database of its own, dropped after the test
            StoreConfig config = db.config();
            database = new DatabaseOptions(config.jdbcUrl(), config.user(), config.password());
            environment.put("TMS_DB_URL", config.jdbcUrl());
            environment.put("TMS_DB_USER", config.user());
            environment.put("TMS_DB_PASSWORD", config.password());
        }
        InstallationOptions installation = new InstallationOptions(data, database, LmkOptions.developmentLmk());
        SecurityModule terminalKeys = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(data.resolve("terminal-lmk.key")));
        LoadTerminalFleet fleet = new LoadTerminalFleet(data.resolve("simulator"), terminalKeys);
        List<String> platformOptions = new ArrayList<>();
        FakePlatform upstream = null;
        if (decider == Decider.UPSTREAM) {
            SecurityModule platformKeys = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(data.resolve("platform-lmk.key")));
            upstream = new FakePlatform(platformKeys, platformKeys.formKeyFromComponents(KeyUsage.ZAK,
                    List.of(CLEAR_ZAK.clone())), MacAlgorithm.X9_19);
            // a platform timeout under --undecided-after, which tms run requires (the fake answers at once anyway)
            platformOptions.addAll(List.of("--platform", "127.0.0.1:" + upstream.port(), "--platform-timeout-ms",
                    Integer.toString(UNDECIDED_AFTER_SECONDS * 1_000 - 1_000)));
        }
        try (Installation server = Installation.open(installation, silent())) {
            phases.append("opened in ").append(millisSince(started)).append(" ms; ");
            fleet.provision(TERMINALS, server, silent());
            if (upstream != null) {
                ZoneKeys zoneKeys = new ZoneKeys(server.store(), server.hsm(), java.time.Clock.systemUTC());
                zoneKeys.form(KeyUsage.ZPK, KeyAlgorithm.TDES, List.of(CLEAR_ZPK.clone()), null, Actor.commandLine());
                zoneKeys.form(KeyUsage.ZAK, KeyAlgorithm.TDES, List.of(CLEAR_ZAK.clone()), null, Actor.commandLine());
            }
        }
        List<TerminalProfile> profiles = fleet.profiles(TERMINALS);
        phases.append("provisioned in ").append(millisSince(started)).append(" ms; ");
        long serverStart = System.nanoTime();

        ServerProcess first = ServerProcess.start(data, environment,
                with(platformOptions, "--gateway-port", "0"));
        ServerProcess second = null;
        List<Buyer> buyers = new ArrayList<>();
        try {
            int port = first.gatewayPort(START_LIMIT);
            LoadTerminals dial = LoadTerminals.signingIn(profiles, terminalKeys, "127.0.0.1", port, ANSWER_TIMEOUT);
            for (int i = 0; i < TERMINALS; i++) {
                int index = i;
                buyers.add(new Buyer(profiles.get(i).tid(), new AutoReversingTerminal(() -> dial.dial(index))));
            }
            buyers.forEach(Buyer::start);
            phases.append("listening after ").append(millisSince(serverStart)).append(" ms; ");

            // the load is under way once every terminal has been answered; the kill falls at a random moment after
            long loadStart = System.nanoTime();
            while (buyers.stream().anyMatch(b -> b.answered() == 0) && System.nanoTime() - loadStart < START_LIMIT.toNanos()) {
                Thread.sleep(20);
            }
            assertThat(buyers.stream().filter(b -> b.answered() == 0).map(Buyer::describe).toList())
                    .as("terminals never answered; the server printed:\n%s", first.output()).isEmpty();
            long loadMillis = ThreadLocalRandom.current().nextLong(500, 2_000);
            Thread.sleep(loadMillis);
            int exit = first.kill();
            long killedAt = System.nanoTime();
            phases.append("killed after ").append(millisSince(loadStart)).append(" ms of load; ");
            assertThat(exit).as("tms run was killed by SIGKILL, not exited").isEqualTo(SIGKILL_EXIT);

            // what the killed process left between its two commits, read while nothing runs
            Set<String> pendingAtKill;
            try (Installation dead = Installation.open(installation, silent())) {
                pendingAtKill = keys(dead.store().read(s -> s.getMapper(TransactionMapper.class)
                        .listByStatus(TransactionStatus.PENDING, 10_000)));
            }
            // restarted once those rows are older than --undecided-after, so that its first look flags them
            Thread.sleep(Math.max(0, UNDECIDED_AFTER_SECONDS * 1_000L + 100 - millisSince(killedAt)));
            second = ServerProcess.start(data, environment, with(platformOptions, "--gateway-port",
                    Integer.toString(port), "--undecided-after", Integer.toString(UNDECIDED_AFTER_SECONDS)));
            assertThat(second.gatewayPort(START_LIMIT)).isEqualTo(port);
            buyers.forEach(Buyer::serverRestarted);
            phases.append("restarted ").append(millisSince(killedAt)).append(" ms after the kill; ");
            long restartedAt = System.nanoTime();

            long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
            for (Buyer buyer : buyers) {
                buyer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            assertThat(buyers.stream().mapToInt(b -> b.unanswered.size()).sum())
                    .as("purchases the kill left without an answer (else the kill hit no load in flight)").isPositive();
            List<String> unfinished = buyers.stream().filter(Thread::isAlive).map(Buyer::describe).toList();
            assertThat(unfinished).as("terminals that did not settle their reversal and buy %d more within %s; "
                    + "the server printed:\n%s", APPROVALS_AFTER_RESTART, RECOVERY_LIMIT, second.output()).isEmpty();
            Set<String> flagged = flaggedAtRestart(second.output());
            phases.append("recovered in ").append(millisSince(restartedAt)).append(" ms; ");
            second.stop();

            List<CapturedTransaction> rows;
            try (Installation after = Installation.open(installation, silent())) {
                rows = after.store().read(s -> s.getMapper(TransactionMapper.class).listRecent(10_000));
            }
            assertThat(rows).hasSizeLessThan(10_000);
            List<String> violations = new ArrayList<>(check(buyers, rows));
            for (String key : pendingAtKill) {
                if (!flagged.contains(key)) {
                    violations.add(key + " was PENDING when the gateway died but the restarted gateway did not flag it REVIEW");
                }
            }
            String summary = summary(buyers, rows, pendingAtKill, flagged) + "; " + phases + "total "
                    + millisSince(started) + " ms";
            System.out.println(db.name() + ", " + decider + ": " + summary);
            assertThat(violations).as("%s, %s\n%s", db.name(), decider, summary).isEmpty();
        } finally {
            buyers.forEach(Buyer::halt);
            for (Buyer buyer : buyers) {
                buyer.join(10_000);
            }
            first.close();
            if (second != null) {
                second.close();
            }
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    private static String[] with(List<String> first, String... then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(then));
        return all.toArray(String[]::new);
    }

    /** The invariants, as a list of what broke them (empty when they hold). */
    private static List<String> check(List<Buyer> buyers, List<CapturedTransaction> rows) {
        List<String> violations = new ArrayList<>();
        Map<String, CapturedTransaction> purchases = new HashMap<>();
        Map<String, CapturedTransaction> reversals = new HashMap<>();
        Map<String, Integer> rrnUses = new HashMap<>();
        for (CapturedTransaction row : rows) {
            String key = key(row.tid(), row.batch(), row.trace());
            if (row.kind() == TransactionKind.PURCHASE) {
                purchases.put(key, row);
            } else if (row.kind() == TransactionKind.REVERSAL) {
                reversals.put(key, row);
            } else {
                violations.add(key + ": a " + row.kind() + " row; the terminals only bought and reversed");
            }
            if (row.rrn() != null) {
                rrnUses.merge(row.rrn(), 1, Integer::sum);
            }
        }
        Set<String> accounted = new HashSet<>();
        for (Buyer buyer : buyers) {
            for (TransactionResult answer : buyer.answers) {
                String key = key(buyer.tid, answer.batch(), answer.trace());
                accounted.add(key);
                CapturedTransaction row = purchases.get(key);
                if (!answer.approved()) {
                    // the stand-in approves every purchase here: a refusal is only right for a decision so slow that its
                    // row was flagged REVIEW first, and it must then be 96
                    if (!"96".equals(answer.responseCode()) || row == null || row.status() != TransactionStatus.REVIEW) {
                        violations.add(key + ": answered " + answer.responseCode() + ", captured "
                                + (row == null ? "nothing" : row.status().toString()));
                    }
                } else if (row == null) {
                    violations.add(key + ": the terminal received approval rrn " + answer.rrn() + " but nothing was captured");
                } else if (row.status() != TransactionStatus.APPROVED || !answer.rrn().equals(row.rrn())
                        || !answer.authCode().equals(row.authCode()) || row.amount() != buyer.amountOf(answer.trace())) {
                    violations.add(key + ": the terminal received approval rrn " + answer.rrn() + " auth " + answer.authCode()
                            + " amount " + buyer.amountOf(answer.trace()) + " but the row is " + row.status() + " rrn "
                            + row.rrn() + " auth " + row.authCode() + " amount " + row.amount());
                } else if (rrnUses.getOrDefault(answer.rrn(), 0) != 1) {
                    violations.add(key + ": rrn " + answer.rrn() + " is on " + rrnUses.get(answer.rrn()) + " rows");
                }
                if (reversals.containsKey(key)) {
                    violations.add(key + ": reversed although its terminal received its answer");
                }
            }
            for (PendingReversal unanswered : buyer.unanswered) {
                String key = key(buyer.tid, unanswered.batch(), unanswered.trace());
                accounted.add(key);
                CapturedTransaction purchase = purchases.get(key);
                CapturedTransaction reversal = reversals.get(key);
                if (!"00".equals(buyer.reversalAnswers.get(unanswered.trace()))) {
                    violations.add(key + ": its reversal was answered " + buyer.reversalAnswers.get(unanswered.trace()));
                }
                if (reversal == null) {
                    violations.add(key + ": no answer reached the terminal, and its reversal was not captured");
                } else if (purchase == null ? reversal.status() != TransactionStatus.ORPHAN
                        : reversal.status() != TransactionStatus.APPROVED || purchase.status() != TransactionStatus.REVERSED) {
                    violations.add(key + ": no answer reached the terminal; after its reversal the purchase is "
                            + (purchase == null ? "absent" : purchase.status()) + " and the reversal " + reversal.status());
                }
            }
        }
        for (CapturedTransaction row : rows) {
            String key = key(row.tid(), row.batch(), row.trace());
            if (!accounted.contains(key)) {
                violations.add(key + ": a " + row.kind() + " row, " + row.status() + ", that no terminal sent or heard of");
            }
            if (row.status() == TransactionStatus.PENDING) {
                violations.add(key + ": still PENDING after the restart");
            }
        }
        return violations;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static String summary(List<Buyer> buyers, List<CapturedTransaction> rows, Set<String> pendingAtKill,
                                  Set<String> flagged) {
        Map<String, Long> answers = buyers.stream().flatMap(b -> b.answers.stream()).collect(Collectors.groupingBy(
                TransactionResult::responseCode, TreeMap::new, Collectors.counting()));
        int unanswered = buyers.stream().mapToInt(b -> b.unanswered.size()).sum();
        Map<String, Long> statuses = rows.stream().collect(Collectors.groupingBy(r -> r.kind() + " " + r.status(),
                TreeMap::new, Collectors.counting()));
        return "answers received " + answers + ", " + unanswered + " purchases unanswered and reversed, "
                + pendingAtKill.size() + " rows PENDING at the kill, " + flagged.size() + " flagged REVIEW at restart; rows "
                + statuses;
    }

    /** The keys of the purchases the restarted server said it flagged REVIEW. */
    private static Set<String> flaggedAtRestart(String output) {
        Set<String> keys = new HashSet<>();
        Matcher m = FLAGGED.matcher(output);
        while (m.find()) {
            keys.add(key(m.group(1), m.group(2), m.group(3)));
        }
        return keys;
    }

    private static Set<String> keys(List<CapturedTransaction> rows) {
        return rows.stream().filter(r -> r.kind() == TransactionKind.PURCHASE)
                .map(r -> key(r.tid(), r.batch(), r.trace())).collect(Collectors.toSet());
    }

    private static String key(String tid, String batch, String trace) {
        return "terminal " + tid + " batch " + batch + " trace " + trace;
    }

    private static PrintStream silent() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /**
     * One terminal buying in a loop on its own thread, recording every answer it got and every purchase it did not,
     * until it has bought {@link #APPROVALS_AFTER_RESTART} times from the restarted server with nothing owed.
     */
    private static final class Buyer extends Thread {

        private static final AtomicInteger AMOUNTS = new AtomicInteger(100);

        final String tid;
        private final AutoReversingTerminal terminal;
        // written by this thread; read by the test after join()
        final List<TransactionResult> answers = new ArrayList<>();
        final List<PendingReversal> unanswered = new ArrayList<>();
        final Map<String, String> reversalAnswers = new HashMap<>();
        private final Map<String, Long> amounts = new HashMap<>();
        private volatile int answered;
        private volatile boolean restarted;
        private volatile boolean halted;
        private volatile String lastProblem = "none";

        Buyer(String tid, AutoReversingTerminal terminal) {
            super("buyer-" + tid);
            setDaemon(true);
            this.tid = tid;
            this.terminal = terminal;
        }

        @Override
        public void run() {
            int approvedSinceRestart = 0;
            try {
                while (!halted && (approvedSinceRestart < APPROVALS_AFTER_RESTART || terminal.owed() != null)) {
                    boolean afterRestart = restarted;
                    PendingReversal owed = terminal.owed();
                    long amount = AMOUNTS.incrementAndGet();
                    try {
                        String code = terminal.reverseOwed();
                        if (owed != null) {
                            reversalAnswers.put(owed.trace(), code);
                        }
                        TransactionResult answer = terminal.purchase(amount, PAN);
                        amounts.put(answer.trace(), amount);
                        answers.add(answer);
                        answered++;
                        if (afterRestart && answer.approved()) {
                            approvedSinceRestart++;
                        }
                    } catch (AutoReversingTerminal.NoAnswer e) {
                        unanswered.add(e.owed());
                        amounts.put(e.owed().trace(), amount);
                        lastProblem = e.getMessage();
                    } catch (IOException e) {
                        // not connected (the server is down) or the reversal still owed: try again shortly
                        lastProblem = e.toString();
                        Thread.sleep(50);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                terminal.close();
            }
        }

        int answered() {
            return answered;
        }

        long amountOf(String trace) {
            return amounts.getOrDefault(trace, -1L);
        }

        void serverRestarted() {
            restarted = true;
        }

        void halt() {
            halted = true;
        }

        String describe() {
            return tid + " (answers " + answered + ", owes " + (terminal.owed() == null ? "nothing"
                    : "trace " + terminal.owed().trace()) + ", last problem: " + lastProblem + ")";
        }
    }
}
