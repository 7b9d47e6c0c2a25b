package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.gateway.CapturedLog;
import tms.gateway.GatewayConfig;
import tms.gateway.HostClock;
import tms.gateway.StandInPlatform;
import tms.gateway.TerminalGateway;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;

/** The technician's commands and the simulated device, against a running gateway on the same data directory. */
class ActivationCommandsTest {

    private static final Pattern CODE = Pattern.compile("activation code for SN-CLI \\(merchant 898100012340007\\): (\\d{8})");

    @TempDir
    Path data;

    @Test
    void registerIssueActivateBuyRevokeFromTheCommandLine() throws Exception {
        String dir = data.toString();
        try (CapturedLog log = new CapturedLog();
             Installation server = Installation.open(new InstallationOptions(data, new DatabaseOptions(), LmkOptions.developmentLmk()), System.out)) {
            GatewayConfig config = GatewayConfig.defaults().withBindAddress("127.0.0.1").withPort(0);
            try (TerminalGateway gateway = new TerminalGateway(config, server.store(), server.hsm(),
                    new StandInPlatform(config.standInRules()), new HostClock(Clock.systemUTC(), config.hostZone()))) {
                String port = Integer.toString(gateway.start());

                CommandRun register = CommandRun.of("", "terminal", "register", "--data", dir, "--dev-lmk", "--sn", "SN-CLI",
                        "--model", "P2000", "--psam", "PSAM01", "--iccid", "8986001");
                assertThat(register.exitCode()).as(register.err()).isZero();

                CommandRun noMerchant = CommandRun.of("", "terminal", "activate", "--data", dir, "--dev-lmk", "--sn", "SN-CLI",
                        "--merchant", "898100012340007");
                assertThat(noMerchant.exitCode()).isEqualTo(1);
                assertThat(noMerchant.err()).contains("merchant 898100012340007 is not known: give its name");

                CommandRun issue = CommandRun.of("", "terminal", "activate", "--data", dir, "--dev-lmk", "--sn", "SN-CLI",
                        "--merchant", "898100012340007", "--merchant-name", "Noodle shop");
                assertThat(issue.exitCode()).as(issue.err()).isZero();
                Matcher code = CODE.matcher(issue.out());
                assertThat(code.find()).as(issue.out()).isTrue();

                CommandRun wrong = CommandRun.of("", "sim", "activate", "--data", dir, "--dev-lmk", "--port", port, "--sn", "SN-CLI",
                        "--code", code.group(1).equals("00000000") ? "11111111" : "00000000");
                assertThat(wrong.exitCode()).isEqualTo(3);
                assertThat(wrong.out()).contains("response code 55 (wrong activation code)");

                CommandRun activate = CommandRun.of("", "sim", "activate", "--data", dir, "--dev-lmk", "--port", port, "--sn",
                        "SN-CLI", "--code", code.group(1), "--algorithm", "RSA");
                assertThat(activate.exitCode()).as(activate.err()).isZero();
                assertThat(activate.out()).contains("activated SN-CLI as TID 6", "host signature verified");

                CommandRun buy = CommandRun.of("", "sim", "purchase", "--data", dir, "--port", port, "--amount", "9.90");
                assertThat(buy.exitCode()).as(buy.out() + buy.err()).isZero();
                assertThat(buy.out()).contains("purchase of 9.90 yuan: response code 00");

                CommandRun unlock = CommandRun.of("", "terminal", "unlock", "--data", dir, "--dev-lmk", "--sn", "SN-CLI");
                assertThat(unlock.exitCode()).isEqualTo(1);
                assertThat(unlock.err()).contains("is not locked");

                CommandRun revoke = CommandRun.of("", "terminal", "revoke", "--data", dir, "--dev-lmk", "--sn", "SN-CLI", "--reason",
                        "merchant closed");
                assertThat(revoke.exitCode()).as(revoke.err()).isZero();
                CommandRun signIn = CommandRun.of("", "sim", "signin", "--data", dir, "--port", port);
                assertThat(signIn.exitCode()).isEqualTo(3);
                assertThat(signIn.out()).contains("response code 58");

                var audit = server.store().read(s -> s.getMapper(AuditLogMapper.class).listBySubject("SN-CLI", 20));
                assertThat(audit).extracting(AuditEntry::action).contains("terminal.stock-in",
                        "terminal.activation-code.issue", "terminal.activate", "terminal.revoke");
                assertThat(audit).allSatisfy(e -> assertThat(String.valueOf(e.detail()) + e.beforeState()
                        + e.afterState()).doesNotContain(code.group(1)));
                assertThat(audit).filteredOn(e -> e.action().equals("terminal.revoke"))
                        .allSatisfy(e -> assertThat(e.actor()).startsWith("cli:"));
                // the code is a secret until used: it went to the technician's screen and nowhere else
                assertThat(log.text()).contains("activated as TID").doesNotContain(code.group(1));
            }
        }
    }

    @Test
    void anSm4DeviceActivatesSignsInWith006AndBuysFromTheCommandLine() throws Exception {
        String dir = data.toString();
        try (Installation server = Installation.open(new InstallationOptions(data, new DatabaseOptions(),
                LmkOptions.developmentLmk()), System.out)) {
            GatewayConfig config = GatewayConfig.defaults().withBindAddress("127.0.0.1").withPort(0);
            try (TerminalGateway gateway = new TerminalGateway(config, server.store(), server.hsm(),
                    new StandInPlatform(config.standInRules()), new HostClock(Clock.systemUTC(), config.hostZone()))) {
                String port = Integer.toString(gateway.start());
                assertThat(CommandRun.of("", "terminal", "register", "--data", dir, "--dev-lmk", "--sn", "SN-CLI")
                        .exitCode()).isZero();
                CommandRun issue = CommandRun.of("", "terminal", "activate", "--data", dir, "--dev-lmk", "--sn", "SN-CLI",
                        "--merchant", "898100012340007", "--merchant-name", "Tea house");
                Matcher code = CODE.matcher(issue.out());
                assertThat(code.find()).as(issue.out() + issue.err()).isTrue();

                CommandRun activate = CommandRun.of("", "sim", "activate", "--data", dir, "--dev-lmk", "--port", port, "--sn",
                        "SN-CLI", "--code", code.group(1), "--cipher", "SM4");
                assertThat(activate.exitCode()).as(activate.out() + activate.err()).isZero();
                assertThat(activate.out()).contains("SM4 TMK check value", "SM2 device key");

                CommandRun signIn = CommandRun.of("", "sim", "signin", "--data", dir, "--port", port);
                assertThat(signIn.exitCode()).as(signIn.out() + signIn.err()).isZero();
                CommandRun buy = CommandRun.of("", "sim", "purchase", "--data", dir, "--port", port, "--amount", "6.60");
                assertThat(buy.exitCode()).as(buy.out() + buy.err()).isZero();
                assertThat(buy.out()).contains("purchase of 6.60 yuan: response code 00");
                CommandRun classic = CommandRun.of("", "sim", "signin", "--data", dir, "--port", port, "--network-code", "004");
                assertThat(classic.exitCode()).isEqualTo(3);
                assertThat(classic.out()).contains("response code 12");

                CommandRun badCipher = CommandRun.of("", "sim", "activate", "--data", dir, "--dev-lmk", "--port", port,
                        "--sn", "SN-CLI", "--code", "12345678", "--cipher", "AES");
                assertThat(badCipher.exitCode()).isEqualTo(2);
                assertThat(badCipher.err()).contains("--cipher", "TDES", "SM4");
            }
        }
    }
}
