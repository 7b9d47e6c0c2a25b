package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.gateway.GatewayConfig;
import tms.gateway.HostClock;
import tms.gateway.StandInPlatform;
import tms.gateway.TerminalGateway;

/** The README's quickstart, command by command, against a gateway on the same data directory. */
class QuickstartTest {

    @TempDir
    Path data;

    @Test
    void demoProvisionsSignsInAndBuysThenPurchaseAndBalanceWorkAndTheListShowsThem() throws Exception {
        try (Installation server = Installation.open(new InstallationOptions(data, new DatabaseOptions(), LmkOptions.developmentLmk()), System.out)) {
            GatewayConfig config = GatewayConfig.defaults().withBindAddress("127.0.0.1").withPort(0);
            try (TerminalGateway gateway = new TerminalGateway(config, server.store(), server.hsm(),
                    new StandInPlatform(config.standInRules()), new HostClock(Clock.systemUTC(), config.hostZone()))) {
                String port = Integer.toString(gateway.start());

                CommandRun demo = CommandRun.of("", "sim", "demo", "--data", data.toString(), "--dev-lmk", "--port", port);
                assertThat(demo.exitCode()).as(demo.err()).isZero();
                assertThat(demo.out()).contains("provisioned demo terminal DEMO-0001", "signed in: terminal 90000001",
                        "purchase of 12.34 yuan: response code 00 (approved)", "response MAC verified");

                CommandRun again = CommandRun.of("", "sim", "demo", "--data", data.toString(), "--dev-lmk", "--port", port);
                assertThat(again.exitCode()).as(again.err()).isZero();
                assertThat(again.out()).doesNotContain("provisioned").contains("response code 00");

                CommandRun declined = CommandRun.of("", "sim", "purchase", "--data", data.toString(), "--port", port,
                        "--amount", "88", "--pan", "6212261234560051");
                assertThat(declined.exitCode()).isEqualTo(3);
                assertThat(declined.out()).contains("response code 51 (insufficient funds)");

                CommandRun balance = CommandRun.of("", "sim", "balance", "--data", data.toString(), "--port", port);
                assertThat(balance.exitCode()).as(balance.err()).isZero();
                assertThat(balance.out()).contains("balance inquiry: response code 00", "balance 1002156C000001000000");

                CommandRun badAmount = CommandRun.of("", "sim", "purchase", "--data", data.toString(), "--port", port,
                        "--amount", "12.345");
                assertThat(badAmount.exitCode()).isEqualTo(1);
                assertThat(badAmount.err()).contains("--amount '12.345' is not an amount in yuan");
            }
        }
        CommandRun list = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("621226******7890", "621226******0051", "12.34", "88.00", "DECLINED",
                "BALANCE_INQUIRY").doesNotContain("6212261234567890");
    }

    @Test
    void simulatorSaysWhatToDoWhenNoGatewayAnswers() {
        CommandRun run = CommandRun.of("", "sim", "demo", "--data", data.toString(), "--dev-lmk", "--port", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the gateway at 127.0.0.1:1", "is `./tms run` running?");
    }
}
