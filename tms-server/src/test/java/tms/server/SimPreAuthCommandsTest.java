package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.gateway.GatewayConfig;
import tms.gateway.HostClock;
import tms.gateway.StandInPlatform;
import tms.gateway.TerminalGateway;

/** `sim preauth`, `complete` and their voids against a gateway on the same data directory, by the printed hints. */
class SimPreAuthCommandsTest {

    @TempDir
    Path data;

    @Test
    void aPreAuthorisationIsCompletedVoidedCompletedAgainAndRefusalsAreExplained() throws Exception {
        try (Installation server = Installation.open(new InstallationOptions(data, new DatabaseOptions(),
                LmkOptions.developmentLmk()), System.out)) {
            GatewayConfig config = GatewayConfig.defaults().withBindAddress("127.0.0.1").withPort(0);
            try (TerminalGateway gateway = new TerminalGateway(config, server.store(), server.hsm(),
                    new StandInPlatform(config.standInRules()), new HostClock(Clock.systemUTC(), config.hostZone()))) {
                String port = Integer.toString(gateway.start());
                assertThat(CommandRun.of("", "sim", "demo", "--data", data.toString(), "--dev-lmk", "--port", port)
                        .exitCode()).isZero();

                CommandRun preAuth = run(port, "sim", "preauth", "--amount", "300.00");
                assertThat(preAuth.exitCode()).as(preAuth.err()).isZero();
                assertThat(preAuth.out()).contains("pre-authorisation of 300.00 yuan: response code 00 (approved)",
                        "complete it (for up to 300.00 yuan): ./tms sim complete --trace ");

                List<String> tooMuch = hint(preAuth.out(), "complete it");
                tooMuch.set(tooMuch.indexOf("--amount") + 1, "300.01");
                CommandRun over = run(port, tooMuch.toArray(String[]::new));
                assertThat(over.exitCode()).isEqualTo(3);
                assertThat(over.out()).contains("completion of 300.01 yuan: response code 61 (over limit)");

                List<String> less = hint(preAuth.out(), "complete it");
                less.set(less.indexOf("--amount") + 1, "280.50");
                CommandRun completion = run(port, less.toArray(String[]::new));
                assertThat(completion.exitCode()).as(completion.out() + completion.err()).isZero();
                assertThat(completion.out()).contains("completion of 280.50 yuan: response code 00 (approved)",
                        "void it: ./tms sim complete-void --trace ", "--amount 280.50");

                CommandRun releaseCompleted = run(port, hint(preAuth.out(), "or release it").toArray(String[]::new));
                assertThat(releaseCompleted.exitCode()).isEqualTo(3);
                assertThat(releaseCompleted.out()).contains("response code 12 (invalid transaction)");

                CommandRun voided = run(port, hint(completion.out(), "void it").toArray(String[]::new));
                assertThat(voided.exitCode()).as(voided.out() + voided.err()).isZero();
                assertThat(voided.out()).contains("void of completion trace ", "response code 00 (approved)");

                CommandRun released = run(port, hint(preAuth.out(), "or release it").toArray(String[]::new));
                assertThat(released.exitCode()).as(released.out() + released.err()).isZero();
                assertThat(released.out()).contains("void of pre-authorisation trace ", "response code 00 (approved)");

                CommandRun unknown = run(port, "sim", "complete", "--trace", "000999", "--auth-code", "123456",
                        "--amount", "1");
                assertThat(unknown.exitCode()).isEqualTo(3);
                assertThat(unknown.out()).contains("response code 25 (original not found)");

                CommandRun noAuthCode = run(port, "sim", "complete", "--trace", "000999", "--amount", "1");
                assertThat(noAuthCode.exitCode()).isEqualTo(1);
                assertThat(noAuthCode.err()).contains("sim complete needs --auth-code");
                CommandRun badTrace = run(port, "sim", "complete-void", "--trace", "99", "--rrn", "000000000001",
                        "--amount", "1");
                assertThat(badTrace.exitCode()).isEqualTo(1);
                assertThat(badTrace.err()).contains("--trace '99' must be 6 digits");
            }
        }
    }

    private CommandRun run(String port, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--data", data.toString(), "--port", port));
        return CommandRun.of("", all.toArray(String[]::new));
    }

    /** The command a printed hint line gives, without its "./tms". */
    private static List<String> hint(String out, String startingWith) {
        String line = out.lines().filter(l -> l.startsWith(startingWith)).findFirst().orElseThrow();
        return new ArrayList<>(Arrays.asList(line.substring(line.indexOf("./tms ") + "./tms ".length()).split(" ")));
    }
}
