package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalProvisionCommandTest {

    /** Two components whose XOR is 16 × 11, the TMK of PROTOCOL.md §7 (check value 82E13665). */
    private static final String COMPONENTS = "0123456789ABCDEF0123456789ABCDEF\n1032547698BADCFE1032547698BADCFE\n";

    @TempDir
    Path data;

    @Test
    void registersTheTerminalAndPrintsTheCheckValueOfTheXoredComponents() {
        CommandRun run = provision(COMPONENTS, "--kcv", "82e13665");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("TID 10000001", "TMK check value 82E13665");
        assertThat(run.out() + run.err()).doesNotContain("0123456789ABCDEF0123456789ABCDEF");

        CommandRun again = provision(COMPONENTS);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("serial number SN-1 is already registered");
    }

    @Test
    void refusesACheckValueMismatchAndStoresNothing() {
        CommandRun run = provision(COMPONENTS, "--kcv", "00000000");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("check value 82E13665, not 00000000", "nothing was stored");
        assertThat(provision(COMPONENTS, "--kcv", "82E13665").exitCode()).isZero();
    }

    @Test
    void refusesAComponentOfTheWrongLengthOrNotHex() {
        CommandRun shortOne = provision("0123456789ABCDEF0123456789ABCDEF\n0123456789ABCDEF\n");
        assertThat(shortOne.exitCode()).isEqualTo(1);
        assertThat(shortOne.err()).contains("component 2 has 16 characters", "32 hex characters");

        CommandRun notHex = provision("0123456789ABCDEF0123456789ABCDEG\n");
        assertThat(notHex.exitCode()).isEqualTo(1);
        assertThat(notHex.err()).contains("component 1 is not hexadecimal");

        CommandRun none = provision("\n");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no TMK components were given");
    }

    @Test
    void refusesAnUnknownMerchantWithoutItsNameAndStoresNothing() {
        CommandRun run = CommandRun.of(COMPONENTS, "terminal", "provision", "--data", data.toString(), "--dev-lmk", "--sn", "SN-3",
                "--tid", "10000003", "--merchant", "898100099990001");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("merchant 898100099990001 is not known: give its name with --merchant-name");
        CommandRun named = CommandRun.of(COMPONENTS, "terminal", "provision", "--data", data.toString(), "--dev-lmk", "--sn", "SN-3",
                "--tid", "10000003", "--merchant", "898100099990001", "--merchant-name", "New shop");
        assertThat(named.exitCode()).as(named.err()).isZero();
    }

    @Test
    void refusesABadTid() {
        CommandRun run = CommandRun.of(COMPONENTS, "terminal", "provision", "--data", data.toString(), "--dev-lmk", "--sn", "SN-2",
                "--tid", "123", "--mid", "898100012340001", "--merchant-name", "Shop");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("TID '123' must be exactly 8 letters or digits");
    }

    private CommandRun provision(String stdin, String... extra) {
        String[] base = {"terminal", "provision", "--data", data.toString(), "--dev-lmk", "--sn", "SN-1", "--tid", "10000001",
                "--mid", "898100012340001", "--merchant-name", "Corner shop"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandRun.of(stdin, args);
    }
}
