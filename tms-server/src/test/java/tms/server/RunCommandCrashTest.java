package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TerminalProfile;
import tms.simulator.TransactionResult;
import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;

/**
 * `tms run` as a newcomer starts it, in a process of its own: it prints the ports it picked, answers
 * /health, and an approval it sent survives the process being killed (SIGKILL) the moment the answer
 * arrives — capture is durable before it is answered.
 */
class RunCommandCrashTest {

    private static final String COMPONENT_1 = "0123456789ABCDEF0123456789ABCDEF";
    private static final String COMPONENT_2 = "1032547698BADCFE1032547698BADCFE";
    private static final Pattern GATEWAY = Pattern.compile("terminal gateway\\s+tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern CONSOLE = Pattern.compile("console\\s+http://localhost:(\\d+)/");

    @TempDir
    Path data;

    @TempDir
    Path terminalSide;

    private Process server;

    @AfterEach
    void kill() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void approvalSurvivesSigkillOfTheServerRightAfterItIsSent() throws Exception {
        CommandRun provision = CommandRun.of(COMPONENT_1 + "\n" + COMPONENT_2 + "\n", "terminal", "provision",
                "--data", data.toString(), "--dev-lmk", "--sn", "SN-CRASH", "--tid", "40000001", "--mid", "898100012340001",
                "--merchant-name", "Crash shop");
        assertThat(provision.exitCode()).as(provision.err()).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Duser.timezone=UTC",
                "tms.server.Main", "run", "--data", data.toString(), "--dev-lmk", "--bind", "127.0.0.1", "--gateway-port", "0",
                "--admin-port", "0").redirectErrorStream(true).start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (Exception ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();

        int gatewayPort = -1;
        int consolePort = -1;
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((gatewayPort < 0 || consolePort < 0) && System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                assertThat(server.isAlive()).as("tms run exited early:\n" + seen).isTrue();
                continue;
            }
            seen.append(line).append('\n');
            Matcher g = GATEWAY.matcher(line);
            Matcher c = CONSOLE.matcher(line);
            if (g.find()) {
                gatewayPort = Integer.parseInt(g.group(1));
            }
            if (c.find()) {
                consolePort = Integer.parseInt(c.group(1));
            }
        }
        assertThat(gatewayPort).as("gateway port printed in:\n" + seen).isPositive();
        assertThat(consolePort).as("console port printed in:\n" + seen).isPositive();

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + consolePort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        SecurityModule keys = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(terminalSide.resolve("lmk.key")));
        var tmk = keys.formKeyFromComponents(KeyUsage.TMK,
                List.of(HexFormat.of().parseHex(COMPONENT_1), HexFormat.of().parseHex(COMPONENT_2)));
        TerminalProfile profile = new TerminalProfile("SN-CRASH", "40000001", "898100012340001", tmk, 0);
        TransactionResult approval;
        try (SimulatedTerminal terminal = new SimulatedTerminal(profile, keys, "127.0.0.1", gatewayPort,
                Duration.ofSeconds(10))) {
            assertThat(terminal.signIn("004").approved()).isTrue();
            approval = terminal.purchase(4321, "6212261234567890");
            server.destroyForcibly(); // SIGKILL, no shutdown hook, no chance to flush anything
        }
        assertThat(approval.responseCode()).isEqualTo("00");
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (Installation after = Installation.open(new InstallationOptions(data, new DatabaseOptions(), LmkOptions.developmentLmk()), System.out)) {
            CapturedTransaction row = after.store().read(s -> s.getMapper(TransactionMapper.class)
                    .findByKey("40000001", approval.batch(), approval.trace(), TransactionKind.PURCHASE));
            assertThat(row).as("the approved purchase after SIGKILL").isNotNull();
            assertThat(row.rrn()).isEqualTo(approval.rrn());
            assertThat(row.amount()).isEqualTo(4321);
        }
    }
}
