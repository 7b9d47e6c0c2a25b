package tms.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;

/** The load generator on real sockets (port 0) against canned-answer servers: what it counts and how it times. */
class LoadGeneratorTest {

    private static final String PAN = "6212261234567890";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    private SecurityModule keys() {
        return new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("terminal-lmk.key")));
    }

    /** One run of the plan by terminals with local keys, all dialling 127.0.0.1:port. */
    private LoadReport run(LoadPlan plan, int port, String target) throws InterruptedException {
        return new LoadGenerator(plan, LoadTerminals.withLocalKeys(keys(), "127.0.0.1", port, plan.timeout()),
                Duration.ofSeconds(5), LoadProgress.SILENT).run(target, "127.0.0.1:" + port);
    }

    private static LoadPlan plan(int terminals, long rate, Duration duration, Duration timeout) {
        return new LoadPlan(terminals, rate, Duration.ZERO, duration, timeout, 1234, PAN);
    }

    @Test
    void countsEveryAnswerAndEachResponseCodeAsTheServersSentThem() throws Exception {
        try (CannedAnswerServer approving = new CannedAnswerServer();
             CannedAnswerServer declining = new CannedAnswerServer("51", Duration.ZERO)) {
            int approvingPort = approving.start(0);
            int decliningPort = declining.start(0);
            SecurityModule keys = keys();
            // two terminals dial the approving server, the third the declining one
            LoadTerminals byIndex = index -> LoadTerminals.withLocalKeys(keys, "127.0.0.1",
                    index < 2 ? approvingPort : decliningPort, TIMEOUT).dial(index);

            LoadReport report = new LoadGenerator(plan(3, 300, Duration.ofSeconds(1), TIMEOUT), byIndex,
                    Duration.ofSeconds(5), LoadProgress.SILENT).run("canned", "127.0.0.1");

            assertThat(report.errors()).isEmpty();
            assertThat(report.responseCodes()).isEqualTo(Map.of("00", approving.answered(), "51", declining.answered()));
            assertThat(report.answers()).isEqualTo(approving.answered() + declining.answered()).isPositive();
            // the schedule held 300 requests in the second; each was either answered or still unsent
            assertThat(report.answers() + report.unsent()).isEqualTo(300);
        }
    }

    @Test
    void openLoopLatencyCountsFromTheIntendedSendTimeSoQueueingBehindAStallShows() throws Exception {
        long delayMillis = 50;
        try (CannedAnswerServer stalling = new CannedAnswerServer("00", Duration.ofMillis(delayMillis))) {
            int port = stalling.start(0);
            // one terminal due every 10 ms against a host that takes 50 ms: each request waits for the ones before
            LoadReport report = run(plan(1, 100, Duration.ofSeconds(1), TIMEOUT), port, "stalling");

            long answers = report.answers();
            assertThat(answers).isGreaterThanOrEqualTo(6);
            // request k is due at 10·k ms but cannot be answered before 50·(k+1) ms: measured from its send it
            // would take 50 ms; measured from its due time, the last one took at least this long
            long lastK = answers - 1;
            assertThat(report.maxMicros()).isGreaterThanOrEqualTo((delayMillis * (lastK + 1) - 10 * lastK) * 1000);
            assertThat(report.p50Micros()).isGreaterThan(2 * delayMillis * 1000);
            assertThat(report.unsent()).isEqualTo(100 - answers);
        }
    }

    @Test
    void closedLoopLatencyIsFromEachSend() throws Exception {
        long delayMillis = 50;
        try (CannedAnswerServer stalling = new CannedAnswerServer("00", Duration.ofMillis(delayMillis))) {
            int port = stalling.start(0);
            LoadReport report = run(plan(1, 0, Duration.ofMillis(600), TIMEOUT), port, "stalling");

            assertThat(report.answers()).isPositive();
            assertThat(report.p50Micros()).isGreaterThanOrEqualTo(delayMillis * 1000);
            assertThat(report.unsent()).isZero();
        }
    }

    @Test
    void anAnswerLaterThanTheTimeoutIsCountedAsATimeoutAndTheTerminalDialsAgain() throws Exception {
        try (CannedAnswerServer silent = new CannedAnswerServer("00", Duration.ofSeconds(10))) {
            int port = silent.start(0);
            Duration timeout = Duration.ofMillis(200);
            LoadReport report = run(plan(1, 0, Duration.ofMillis(700), timeout), port, "silent");

            assertThat(report.answers()).isZero();
            assertThat(report.errors().get("timeout")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aServerThatIsNotThereIsAConnectFailure() throws Exception {
        int port;
        try (CannedAnswerServer gone = new CannedAnswerServer()) {
            port = gone.start(0);
        }
        LoadReport report = run(plan(2, 0, Duration.ofMillis(200), TIMEOUT), port, "gone");

        assertThat(report.answers()).isZero();
        assertThat(report.errors()).isEqualTo(Map.of("connect-failed", 2L));
    }

    @Test
    void theJsonHasEveryFieldForBothRunsAndTheRatio() throws Exception {
        try (CannedAnswerServer server = new CannedAnswerServer()) {
            int port = server.start(0);
            LoadReport first = run(plan(2, 200, Duration.ofMillis(500), TIMEOUT), port, "gateway");
            LoadReport second = run(plan(2, 200, Duration.ofMillis(500), TIMEOUT), port, "ceiling");

            String json = LoadReportFormat.json(first, second);

            String number = "-?[0-9]+(\\.[0-9]+)?";
            String run = "\\{\"target\": \"%s\", \"address\": \"127\\.0\\.0\\.1:[0-9]+\", \"terminals\": 2, \"loop\": \"open\", "
                    + "\"requestedRate\": 200, \"warmupSeconds\": N, \"durationSeconds\": N, \"measuredSeconds\": N, "
                    + "\"answers\": [0-9]+, \"throughput\": N, "
                    + "\"latencyMs\": \\{\"p50\": N, \"p99\": N, \"p999\": N, \"max\": N\\}, "
                    + "\"responseCodes\": \\{\"00\": [0-9]+\\}, \"errors\": \\{\\}, \"unsent\": [0-9]+\\}";
            assertThat(json).matches("(?s)\\{\\s*\"gateway\": " + String.format(run, "gateway").replace("N", number)
                    + ",\\s*\"ceiling\": " + String.format(run, "ceiling").replace("N", number)
                    + ",\\s*\"throughputRatioToCeiling\": " + number + "\\s*}\\s*");
            assertThat(LoadReportFormat.json(first, null)).doesNotContain("ceiling");
            assertThat(LoadReportFormat.text(first, second)).contains("gateway throughput is", "of the ceiling's",
                    "p99.9", "responses  00 × ");
        }
    }
}
