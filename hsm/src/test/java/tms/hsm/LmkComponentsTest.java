package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production LMK: formed from 2 or 3 custodians' components, each printed with checks that catch a typo. */
class LmkComponentsTest {

    private static final String C1 = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
    private static final String C2 = "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0";
    private static final String C3 = "55555555555555555555555555555555AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void theLmkIsTheXorOfTwoOrThreeComponents() throws Exception {
        Lmk two = Lmk.fromComponents(List.of(hex(C1), hex(C2)));
        Lmk three = Lmk.fromComponents(List.of(hex(C1), hex(C2), hex(C3)));

        assertThat(two.checkValueHex()).isEqualTo(jdkCheckValue(xor(C1, C2)));
        assertThat(three.checkValueHex()).isEqualTo(jdkCheckValue(xor(xor(C1, C2), hex(C3))));
        assertThat(two.development()).isFalse();
        assertThat(two.createdNow()).isFalse();
        assertThat(two.toString()).isEqualTo("Lmk[production, check value " + two.checkValueHex() + "]");
        assertThat(Lmk.fromComponents(List.of(hex(C2), hex(C1))).checkValueHex()).isEqualTo(two.checkValueHex());
    }

    @Test
    void aModuleUnderAComponentsLmkWrapsAndUnwraps() {
        SoftwareSecurityModule module = new SoftwareSecurityModule(Lmk.fromComponents(List.of(hex(C1), hex(C2))));
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        SoftwareSecurityModule again = new SoftwareSecurityModule(Lmk.fromComponents(List.of(hex(C1), hex(C2))));

        assertThat(again.checkValue(tmk)).isEqualTo(tmk.checkValue());
    }

    @Test
    void badComponentListsAreRefused() {
        byte[] zero = new byte[32];
        List<byte[]> withNull = new ArrayList<>();
        withNull.add(hex(C1));
        withNull.add(null);
        assertRefused(null, "components is null; expected 2 or 3 LMK components of 32 bytes");
        assertRefused(List.of(hex(C1)), "components is a list of 1; expected 2 or 3");
        assertRefused(List.of(hex(C1), hex(C2), hex(C3), hex(C1)), "components is a list of 4; expected 2 or 3");
        assertRefused(withNull, "LMK component 2 of 2 is null; expected 32 bytes");
        assertRefused(List.of(hex(C1), Arrays.copyOf(hex(C2), 31)), "LMK component 2 of 2 has 31 bytes; expected 32");
        assertRefused(List.of(zero, hex(C2)), "LMK component 1 of 2 is all zeros");
        assertRefused(List.of(hex(C1), hex(C1)), "LMK components 1 and 2 are equal");
        assertRefused(List.of(hex(C1), hex(C2), hex(C1)), "LMK components 1 and 3 are equal");
        assertRefused(List.of(hex(C1), hex(C2), xor(C1, C2)), "the 3 LMK components XOR to zero");
    }

    private static void assertRefused(List<byte[]> components, String message) {
        assertThatThrownBy(() -> Lmk.fromComponents(components))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining(message)
                .message().doesNotContain(C1.substring(0, 8)).doesNotContain(C2.substring(0, 8));
    }

    @Test
    void newComponentsAreRandomAndCarryTheirCheckValue() throws Exception {
        LmkComponent a = Lmk.newComponent(RANDOM);
        LmkComponent b = Lmk.newComponent(RANDOM);

        assertThat(a.value()).hasSize(32);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.checkValueHex()).isEqualTo(jdkCheckValue(a.value())).matches("[0-9A-F]{6}");
        assertThat(a.toString()).isEqualTo("LmkComponent[check value " + a.checkValueHex() + "]");
        assertThat(Lmk.fromComponents(List.of(a.value(), b.value())).development()).isFalse();
        assertThatThrownBy(() -> Lmk.newComponent(null)).isInstanceOf(HsmException.class).hasMessageContaining("random is null");
    }

    @Test
    void thePrintedFormReadsBack() {
        LmkComponent component = new LmkComponent(hex(C1));
        String text = component.toText();

        assertThat(text).startsWith("# LMK component (AES-256), check value " + component.checkValueHex() + "\n")
                .contains("1:   0001 0203 0405 0607   ")
                .contains("4:   1819 1A1B 1C1D 1E1F   ")
                .endsWith("KCV: " + component.checkValueHex() + "\n");
        assertThat(text.lines()).hasSize(7);
        assertThat(LmkComponent.parse(text)).isEqualTo(component);
        // a custodian's retyping: lower case, other spacing, CRLF, no comment line
        String retyped = text.lines().skip(1).map(line -> "  " + line.toLowerCase().replace("   ", " ") + " ")
                .reduce("", (all, line) -> all + line + "\r\n");
        assertThat(LmkComponent.parse(retyped)).isEqualTo(component);
    }

    @Test
    void aMistypedGroupIsNamed() {
        String text = new LmkComponent(hex(C1)).toText();
        // group 6 is line 2, column 2: "0A0B" -> "0A0C"
        String typo = text.replace("0A0B", "0A0C");

        assertThatThrownBy(() -> LmkComponent.parse(typo))
                .isInstanceOf(HsmException.class)
                .hasMessage("group 6 (line 2, column 2) of the LMK component was mistyped: it fails the checks of its line "
                        + "and of its column")
                .message().doesNotContain("0A0C");
    }

    @Test
    void aMistypedCheckIsToldApartFromAMistypedGroup() {
        LmkComponent component = new LmkComponent(hex(C1));
        String[] lines = component.toText().split("\n");

        String badLineCheck = withLastItemChanged(lines, 3);
        assertThatThrownBy(() -> LmkComponent.parse(badLineCheck))
                .isInstanceOf(HsmException.class).hasMessageContaining("the line check of line 3 was probably mistyped");
        String badColumnCheck = withLastItemChanged(lines, 5);
        assertThatThrownBy(() -> LmkComponent.parse(badColumnCheck))
                .isInstanceOf(HsmException.class).hasMessageContaining("the check of column 4 on line C: was probably mistyped");
        String badKcv = withLastItemChanged(lines, 6);
        assertThatThrownBy(() -> LmkComponent.parse(badKcv))
                .isInstanceOf(HsmException.class).hasMessageContaining("but not its check value").hasMessageContaining("KCV line");
        String twoTypos = component.toText().replace("0001", "0002").replace("1819", "1818");
        assertThatThrownBy(() -> LmkComponent.parse(twoTypos))
                .isInstanceOf(HsmException.class).hasMessageContaining("more than one group or check was mistyped");
    }

    private static String withLastItemChanged(String[] lines, int index) {
        String[] copy = lines.clone();
        String line = copy[index];
        char last = line.charAt(line.length() - 1);
        copy[index] = line.substring(0, line.length() - 1) + (last == '0' ? '1' : '0');
        return String.join("\n", copy);
    }

    @Test
    void aMalformedTextIsRefusedWithoutEchoingIt() {
        String text = new LmkComponent(hex(C1)).toText();

        assertThatThrownBy(() -> LmkComponent.parse(text.replace("0A0B ", "")))
                .isInstanceOf(HsmException.class).hasMessageContaining("line 2: of the LMK component has 4 items");
        assertThatThrownBy(() -> LmkComponent.parse(text.replace("0A0B", "0A0G")))
                .isInstanceOf(HsmException.class).hasMessage("group 6 (line 2, column 2) of the LMK component is not 4 hexadecimal digits");
        assertThatThrownBy(() -> LmkComponent.parse(text.replace("3:", "5:")))
                .isInstanceOf(HsmException.class).hasMessageContaining("line 3 of the LMK component text does not start with '3:'");
        assertThatThrownBy(() -> LmkComponent.parse(text.lines().limit(4).reduce("", (a, b) -> a + b + "\n")))
                .isInstanceOf(HsmException.class).hasMessageContaining("has 3 lines");
        assertThatThrownBy(() -> LmkComponent.parse(null)).isInstanceOf(HsmException.class);
    }

    @Test
    void theComponentFileIsOwnerReadOnlyAndNeverOverwritten() throws Exception {
        LmkComponent component = Lmk.newComponent(RANDOM);
        Path file = dir.resolve("custodian-1.txt");

        component.writeOwnerOnly(file);

        assertThat(LmkComponent.parse(Files.readString(file, StandardCharsets.US_ASCII))).isEqualTo(component);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
        }
        String before = Files.readString(file, StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Lmk.newComponent(RANDOM).writeOwnerOnly(file))
                .isInstanceOf(HsmException.class).hasMessageContaining("already exists; refusing to overwrite it");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(before);
        assertThatThrownBy(() -> component.writeOwnerOnly(dir.resolve("missing/custodian-2.txt")))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aComponentMustBe32NonZeroBytes() {
        assertThatThrownBy(() -> new LmkComponent(new byte[16])).isInstanceOf(HsmException.class).hasMessageContaining("has 16 bytes");
        assertThatThrownBy(() -> new LmkComponent(new byte[32])).isInstanceOf(HsmException.class).hasMessageContaining("all zeros");
        byte[] value = hex(C1);
        LmkComponent component = new LmkComponent(value);
        value[0] = 9;
        assertThat(hex(component.value())).isEqualTo(C1);
    }

    private static byte[] xor(String a, String b) {
        return xor(hex(a), hex(b));
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** The check value by the JDK-based CMAC of {@link Tr31KeyBlockTest.JdkCmac}, not by the module's Bouncy Castle code. */
    private static String jdkCheckValue(byte[] key) throws Exception {
        return hex(Arrays.copyOf(Tr31KeyBlockTest.JdkCmac.of(key, new byte[16]), 3));
    }
}
