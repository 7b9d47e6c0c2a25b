package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.gateway.GatewayConfig;
import tms.gateway.HostClock;
import tms.gateway.StandInPlatform;
import tms.gateway.TerminalGateway;
import tms.store.TransactionMapper;

/** `sim load` against a running gateway with a couple of terminals: provisioning, the report, bad input. */
class LoadCommandTest {

    @TempDir
    Path data;

    @Test
    void provisionsTwoTerminalsSignsThemInAndEveryApprovedPurchaseIsCaptured() throws Exception {
        try (Installation server = Installation.open(new InstallationOptions(data, new DatabaseOptions(), LmkOptions.developmentLmk()), System.out)) {
            GatewayConfig config = GatewayConfig.defaults().withBindAddress("127.0.0.1").withPort(0);
            try (TerminalGateway gateway = new TerminalGateway(config, server.store(), server.hsm(),
                    new StandInPlatform(config.standInRules()), new HostClock(Clock.systemUTC(), config.hostZone()))) {
                String port = Integer.toString(gateway.start());
                Path json = data.resolve("load.json");

                CommandRun first = CommandRun.of("", "sim", "load", "--data", data.toString(), "--dev-lmk", "--port", port,
                        "--provision", "--terminals", "2", "--rate", "20", "--duration", "1s", "--warmup", "0s",
                        "--ceiling", "--json", json.toString());
                assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
                assertThat(first.out()).contains("load terminals: 2 provisioned, 0 already there",
                        "gateway (127.0.0.1:" + port + "): 2 terminals, 20 requests/s open loop",
                        "errors     none", "ceiling (127.0.0.1:", "gateway throughput is");
                long approved = approvedIn(first.out());
                assertThat(approved).isPositive();
                assertThat(captured(server)).isEqualTo(approved);
                assertThat(Files.readString(json)).contains("\"gateway\": {\"target\": \"gateway\"", "\"ceiling\": {",
                        "\"throughputRatioToCeiling\": ", "\"responseCodes\": {\"00\": " + approved + "}");

                CommandRun again = CommandRun.of("", "sim", "load", "--data", data.toString(), "--dev-lmk", "--port", port,
                        "--provision", "--terminals", "3", "--rate", "max", "--duration", "500ms", "--warmup", "0s");
                assertThat(again.exitCode()).as(again.err() + again.out()).isZero();
                assertThat(again.out()).contains("load terminals: 1 provisioned, 2 already there", "closed loop",
                        "errors     none").doesNotContain("ceiling");
                assertThat(captured(server)).isEqualTo(approved + approvedIn(again.out()));
            }
        }
    }

    private static long captured(Installation server) {
        return server.store().read(s -> s.getMapper(TransactionMapper.class).count());
    }

    private static long approvedIn(String out) {
        Matcher m = Pattern.compile("gateway \\(.*?responses  00 × ([0-9,]+)", Pattern.DOTALL).matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void unprovisionedTerminalsAreRefusedWithWhatToDo() {
        CommandRun run = CommandRun.of("", "sim", "load", "--data", data.toString(), "--port", "1", "--terminals", "2");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("load terminal LOAD-0001 is not provisioned", "add --provision");
    }

    @Test
    void badInputNamesTheOptionAndWhatIsAllowed() {
        assertThat(refusal("--rate", "fast")).contains("--rate 'fast' is not allowed", "'max'");
        assertThat(refusal("--rate", "0")).contains("--rate '0' is not allowed", "from 1 to 1000000");
        assertThat(refusal("--terminals", "0")).contains("--terminals 0 is not allowed: give 1 to 1000");
        assertThat(refusal("--duration", "10")).contains("--duration '10' is not a duration", "ms, s or m");
        assertThat(refusal("--duration", "0s")).contains("--duration 0s is not allowed");
        assertThat(refusal("--warmup", "soon")).contains("--warmup 'soon' is not a duration");
        assertThat(refusal("--amount", "-1")).contains("--amount '-1' is not an amount in yuan");
    }

    private String refusal(String option, String value) {
        CommandRun run = CommandRun.of("", "sim", "load", "--data", data.toString(), "--port", "1", option, value);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        return run.err();
    }
}
