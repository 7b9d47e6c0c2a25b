package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.hsm.LmkComponent;

/** The key ceremony at the command line: components made, handed out as owner-only files, and loaded at start. */
class LmkCommandTest {

    @TempDir
    Path dir;

    @Test
    void initWritesOneOwnerOnlyFilePerCustodianAndAStartWithThemFormsTheSameLmk() throws Exception {
        Path out = dir.resolve("ceremony");
        CommandRun init = CommandRun.of("", "lmk", "init", "--components", "3", "--out", out.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();

        String lmkCheckValue = group(init.out(), "LMK check value ([0-9A-F]{6})");
        for (int n = 1; n <= 3; n++) {
            Path file = out.resolve("lmk-component-" + n + "-of-3.txt");
            LmkComponent component = LmkComponent.readOwnerOnly(file);
            assertThat(init.out()).contains("component " + n + " of 3: " + file + ", check value " + component.checkValueHex());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
            // shown once: the component's digits are in its file, not on the console
            assertThat(init.out() + init.err()).doesNotContain(component.toText().lines().skip(1).findFirst().orElseThrow());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");

        Path data = dir.resolve("data");
        CommandRun start = CommandRun.of("", "transactions", "--data", data.toString(),
                "--lmk-component", out.resolve("lmk-component-1-of-3.txt").toString(),
                "--lmk-component", out.resolve("lmk-component-2-of-3.txt").toString(),
                "--lmk-component", out.resolve("lmk-component-3-of-3.txt").toString());
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.err()).contains("LMK component 1 of 3", "LMK formed from 3 components: check value " + lmkCheckValue)
                .doesNotContain("DEVELOPMENT");
        assertThat(Files.exists(data.resolve("dev-lmk.key"))).isFalse();

        CommandRun twoOfThree = CommandRun.of("", "transactions", "--data", data.toString(),
                "--lmk-component", out.resolve("lmk-component-1-of-3.txt").toString(),
                "--lmk-component", out.resolve("lmk-component-2-of-3.txt").toString());
        assertThat(twoOfThree.exitCode()).isEqualTo(1);
        assertThat(twoOfThree.err()).contains("is not this installation's LMK");
    }

    @Test
    void initRefusesADirectoryThatAlreadyHoldsComponentsAndWritesNothing() throws Exception {
        Path out = dir.resolve("ceremony");
        assertThat(CommandRun.of("", "lmk", "init", "--components", "2", "--out", out.toString()).exitCode()).isZero();
        String before = Files.readString(out.resolve("lmk-component-1-of-2.txt"));

        CommandRun again = CommandRun.of("", "lmk", "init", "--components", "2", "--out", out.toString());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("lmk-component-1-of-2.txt already exists; nothing was written");
        assertThat(Files.readString(out.resolve("lmk-component-1-of-2.txt"))).isEqualTo(before);
        CommandRun four = CommandRun.of("", "lmk", "init", "--components", "4", "--out", dir.resolve("x").toString());
        assertThat(four.exitCode()).isEqualTo(1);
        assertThat(four.err()).contains("--components 4 is out of range");
    }

    @Test
    void withoutAnLmkOptionNothingStartsAndTheErrorNamesBothWays() {
        Path data = dir.resolve("data");
        CommandRun run = CommandRun.of("", "transactions", "--data", data.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no LMK given", "--lmk-component FILE", "--lmk-components-prompt", "--dev-lmk");
        assertThat(Files.exists(data.resolve("dev-lmk.key"))).isFalse();
        assertThat(Files.exists(data.resolve("tms.mv.db"))).isFalse();

        CommandRun both = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk", "--lmk-components-prompt");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("give the LMK one way only");
    }

    @Test
    void theDevelopmentLmkWarnsOnEveryStart() {
        Path data = dir.resolve("data");
        CommandRun first = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk");
        CommandRun second = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("WARNING: created the DEVELOPMENT LMK at " + data.resolve("dev-lmk.key").toAbsolutePath());
        assertThat(second.err()).contains("WARNING: using the DEVELOPMENT LMK", "protects nothing");
    }

    @Test
    void aComponentFileOthersMayReadOrASingleComponentIsRefused() throws Exception {
        Path out = dir.resolve("ceremony");
        assertThat(CommandRun.of("", "lmk", "init", "--components", "2", "--out", out.toString()).exitCode()).isZero();
        Path first = out.resolve("lmk-component-1-of-2.txt");
        Path second = out.resolve("lmk-component-2-of-2.txt");
        Files.setPosixFilePermissions(second, PosixFilePermissions.fromString("r--r--r--"));
        Path data = dir.resolve("data");

        CommandRun shared = CommandRun.of("", "transactions", "--data", data.toString(), "--lmk-component", first.toString(),
                "--lmk-component", second.toString());
        CommandRun single = CommandRun.of("", "transactions", "--data", data.toString(), "--lmk-component", first.toString());

        assertThat(shared.exitCode()).isEqualTo(1);
        assertThat(shared.err()).contains("has permissions r--r--r--", "chmod 400 " + second.toAbsolutePath());
        assertThat(single.exitCode()).isEqualTo(1);
        assertThat(single.err()).contains("--lmk-component was given 1 time(s); the LMK is formed from 2 or 3 components");
    }

    @Test
    void promptingWithoutATerminalSaysWhatToUseInstead() {
        CommandRun run = CommandRun.of("", "transactions", "--data", dir.resolve("data").toString(), "--lmk-components-prompt");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("needs an interactive terminal", "--lmk-component FILE");
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'" + regex + "' in:\n" + text).isTrue();
        return m.group(1);
    }
}
