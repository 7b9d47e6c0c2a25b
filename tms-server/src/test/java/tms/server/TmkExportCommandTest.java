package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** terminal export-tmk: the TMK as a TR-31 block under a transport key formed from the custodians' components. */
class TmkExportCommandTest {

    /** Two TMK components whose XOR is 16 × 11 (check value 82E13665). */
    private static final String TMK_COMPONENTS = "0123456789ABCDEF0123456789ABCDEF\n1032547698BADCFE1032547698BADCFE\n";
    private static final String KEK_1 = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    private static final String KEK_2 = "0F0E0D0C0B0A09080706050403020100F0E0D0C0B0A090807060504030201000";

    @TempDir
    Path data;

    @Test
    void printsATr31BlockOfTheTmkWithBothCheckValuesAndAuditsIt() {
        provision();
        CommandRun run = export(KEK_1 + "\n" + KEK_2 + "\n");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String block = keyBlock(run);
        // version D, a TMK (K0) of TDES (T), mode B, exportable (E), its check value in the KC block
        assertThat(block).startsWith("D").matches("D\\d{4}K0TB00E.*");
        assertThat(block).contains("82E13665");
        assertThat(run.err()).contains("TMK check value 82E13665", "transport key check value " + aesCheckValue());
        assertThat(run.out() + run.err()).doesNotContain(KEK_1, KEK_2, "11111111111111111111111111111111");

        assertThat(auditActions()).contains("terminal.export-tmk");
    }

    @Test
    void withNewAFreshTmkReplacesTheOldOneAtOnce() {
        provision();
        CommandRun run = CommandRun.of(KEK_1 + "\n" + KEK_2 + "\n", "terminal", "export-tmk", "--data", data.toString(),
                "--dev-lmk", "--sn", "SN-1", "--new");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("(new: the terminal's old TMK no longer works)").doesNotContain("TMK check value 82E13665");
        assertThat(keyBlock(run)).doesNotContain("82E13665");
        CommandRun again = export(KEK_1 + "\n" + KEK_2 + "\n");
        assertThat(again.err()).doesNotContain("TMK check value 82E13665");
    }

    @Test
    void refusesTooFewOrMalformedComponentsAndUnknownTerminalsNamingTheProblem() {
        provision();
        CommandRun one = export(KEK_1 + "\n");
        assertThat(one.exitCode()).isEqualTo(1);
        assertThat(one.err()).contains("needs 2 or 3 components (one per custodian), got 1");

        CommandRun bad = export(KEK_1 + "\n" + "XYZ\n");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("transport key component 2 has 3 characters or is not hexadecimal");

        CommandRun unknown = CommandRun.of(KEK_1 + "\n" + KEK_2 + "\n", "terminal", "export-tmk", "--data",
                data.toString(), "--dev-lmk", "--sn", "SN-NOBODY");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no terminal with serial number SN-NOBODY is registered");
    }

    /** The one line of standard output that is a key block (in tests the log shares standard output). */
    private static String keyBlock(CommandRun run) {
        java.util.List<String> blocks = run.out().lines().filter(l -> l.matches("D\\d{4}K0.*")).toList();
        assertThat(blocks).as(run.out()).hasSize(1);
        return blocks.get(0);
    }

    private void provision() {
        CommandRun run = CommandRun.of(TMK_COMPONENTS, "terminal", "provision", "--data", data.toString(), "--dev-lmk",
                "--sn", "SN-1", "--tid", "10000001", "--mid", "898100012340001", "--merchant-name", "Corner shop");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private CommandRun export(String stdin) {
        return CommandRun.of(stdin, "terminal", "export-tmk", "--data", data.toString(), "--dev-lmk", "--sn", "SN-1");
    }

    private java.util.List<String> auditActions() {
        try (Installation inst = Installation.open(new InstallationOptions(data, new DatabaseOptions(),
                LmkOptions.developmentLmk()), System.out)) {
            return inst.store().read(s -> s.getMapper(tms.store.AuditLogMapper.class).listBySubject("SN-1", 10))
                    .stream().map(tms.store.AuditEntry::action).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The transport key's check value computed here: AES-CMAC of 16 zero bytes under KEK_1 XOR KEK_2, 4 bytes. */
    private static String aesCheckValue() {
        byte[] a = HexFormat.of().parseHex(KEK_1.toLowerCase());
        byte[] b = HexFormat.of().parseHex(KEK_2.toLowerCase());
        for (int i = 0; i < a.length; i++) {
            a[i] ^= b[i];
        }
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(a));
        cmac.update(new byte[16], 0, 16);
        byte[] out = new byte[16];
        cmac.doFinal(out, 0);
        return HexFormat.of().withUpperCase().formatHex(out, 0, 4);
    }
}
