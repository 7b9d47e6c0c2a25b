package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.store.AuditEntry;
import tms.store.AuditLogMapper;

/** platform zone-key, and run --platform refusing to start without the zone keys. */
class PlatformCommandTest {

    /** Two components whose XOR is 0123456789ABCDEFFEDCBA9876543210 (check value 08D7B4FB, PROTOCOL.md §7). */
    private static final String ZPK_COMPONENTS = "11111111111111111111111111111111\n1032547698BADCFEEFCDAB8967452301\n";

    @TempDir
    Path data;

    @Test
    void zoneKeysAreFormedCheckedAuditedAndRunRefusesToStartWithoutThem() throws Exception {
        String dir = data.toString();
        CommandRun withoutKeys = CommandRun.of("", "run", "--data", dir, "--dev-lmk", "--gateway-port", "0",
                "--admin-port", "0", "--platform", "127.0.0.1:6000");
        assertThat(withoutKeys.exitCode()).isEqualTo(1);
        assertThat(withoutKeys.err()).contains("needs both zone keys; missing: ZPK ZAK",
                "./tms platform zone-key --usage ZPK|ZAK");

        CommandRun wrong = CommandRun.of(ZPK_COMPONENTS, "platform", "zone-key", "--data", dir, "--dev-lmk", "--usage",
                "ZPK", "--kcv", "00000000");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("check value 08D7B4FB, not the expected 00000000: nothing was stored");

        CommandRun zpk = CommandRun.of(ZPK_COMPONENTS, "platform", "zone-key", "--data", dir, "--dev-lmk", "--usage",
                "ZPK", "--kcv", "08d7b4fb");
        assertThat(zpk.exitCode()).as(zpk.err()).isZero();
        assertThat(zpk.out()).contains("ZPK (TDES) stored; check value 08D7B4FB");
        assertThat(zpk.out() + zpk.err()).doesNotContain("1032547698BADCFE", "0123456789ABCDEFFEDCBA9876543210");

        CommandRun badHex = CommandRun.of("XYZ\n", "platform", "zone-key", "--data", dir, "--dev-lmk", "--usage", "ZAK");
        assertThat(badHex.exitCode()).isEqualTo(1);
        assertThat(badHex.err()).contains("component 1 is not hexadecimal");

        CommandRun stillNoZak = CommandRun.of("", "run", "--data", dir, "--dev-lmk", "--gateway-port", "0",
                "--admin-port", "0", "--platform", "127.0.0.1:6000");
        assertThat(stillNoZak.err()).contains("missing: ZAK");
        CommandRun notHostPort = CommandRun.of("", "run", "--data", dir, "--dev-lmk", "--gateway-port", "0",
                "--admin-port", "0", "--platform", "platform.example");
        assertThat(notHostPort.err()).contains("--platform platform.example is not HOST:PORT");

        try (Installation inst = Installation.open(new InstallationOptions(data, new DatabaseOptions(),
                LmkOptions.developmentLmk()), System.out)) {
            var audit = inst.store().read(s -> s.getMapper(AuditLogMapper.class).listBySubject("zone-pin", 10));
            assertThat(audit).extracting(AuditEntry::action).containsExactly("platform.zone-key");
            assertThat(audit.get(0).afterState()).isEqualTo("cv=08D7B4FB");
        }
    }
}
