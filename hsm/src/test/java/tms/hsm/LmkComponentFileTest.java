package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custodian's component file: owner-only, checked when read. */
class LmkComponentFileTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void aWrittenComponentReadsBackWithItsCheckValue() {
        LmkComponent component = Lmk.newComponent(RANDOM);
        Path file = dir.resolve("custodian-1.txt");
        component.writeOwnerOnly(file);

        LmkComponent read = LmkComponent.readOwnerOnly(file);

        assertThat(read).isEqualTo(component);
        assertThat(read.checkValueHex()).isEqualTo(component.checkValueHex());
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheChmodThatFixesIt() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path file = dir.resolve("custodian-1.txt");
        Lmk.newComponent(RANDOM).writeOwnerOnly(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));

        assertThatThrownBy(() -> LmkComponent.readOwnerOnly(file)).isInstanceOf(HsmException.class)
                .hasMessageContaining("has permissions r--r-----")
                .hasMessageContaining("chmod 400 " + file.toAbsolutePath());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(LmkComponent.readOwnerOnly(file).checkValueHex()).hasSize(6);
    }

    @Test
    void aMistypedOrMissingFileIsNamed() throws Exception {
        LmkComponent component = Lmk.newComponent(RANDOM);
        Path file = dir.resolve("custodian-2.txt");
        String text = component.toText();
        String kcvLine = "KCV: " + component.checkValueHex();
        String wrongKcv = "KCV: " + (component.checkValueHex().startsWith("0") ? "1" : "0") + component.checkValueHex().substring(1);
        Files.writeString(file, text.replace(kcvLine, wrongKcv), StandardCharsets.US_ASCII);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        }

        assertThatThrownBy(() -> LmkComponent.readOwnerOnly(file)).isInstanceOf(HsmException.class)
                .hasMessageContaining("the LMK component file " + file.toAbsolutePath())
                .hasMessageContaining("not its check value");
        assertThatThrownBy(() -> LmkComponent.readOwnerOnly(dir.resolve("nobody.txt"))).isInstanceOf(HsmException.class)
                .hasMessageContaining("does not exist");
    }
}
