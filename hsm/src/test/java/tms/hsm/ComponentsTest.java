package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warehouse injection: a key formed by XOR of clear components. */
class ComponentsTest {

    @TempDir
    Path dir;

    private SoftwareSecurityModule module;

    @BeforeEach
    void setUp() {
        module = Fixtures.module(dir);
    }

    @Test
    void threeComponentsXorToTheKey() {
        // 11.. XOR 22.. XOR this = 0123456789ABCDEFFEDCBA9876543210, whose check value is 08D7B4FB
        List<byte[]> components = List.of(
                hex("11111111111111111111111111111111"),
                hex("22222222222222222222222222222222"),
                hex("32107654BA98FEDCCDEF89AB45670123"));

        WrappedKey tmk = module.formKeyFromComponents(KeyUsage.TMK, components);

        assertThat(tmk.usage()).isEqualTo(KeyUsage.TMK);
        assertThat(tmk.length()).isEqualTo(16);
        assertThat(tmk.checkValueHex()).isEqualTo("08D7B4FB");
        assertThat(hex(module.checkValue(tmk))).isEqualTo("08D7B4FB");
    }

    @Test
    void theCallersComponentsAreLeftAsTheyWere() {
        byte[] component = hex(Fixtures.TMK_HEX);

        module.formKeyFromComponents(KeyUsage.TMK, List.of(component, hex(Fixtures.PIK_HEX)));

        assertThat(component).isEqualTo(hex(Fixtures.TMK_HEX));
    }

    @Test
    void formedKeysKeepTheirParityAsGiven() {
        // DES ignores parity bits, so the check value cannot tell 22.. from its odd-parity form 23..;
        // the key's bytes as they travel in field 62 can: the vector encrypts 22.., not 23..
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        WrappedKey asGiven = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        WrappedKey adjusted = Fixtures.known(module, KeyUsage.PIK, "23232323232323232323232323232323");

        assertThat(hex(module.encryptUnderKek(asGiven, tmk))).isEqualTo("950973182317F80B950973182317F80B");
        assertThat(hex(module.encryptUnderKek(adjusted, tmk))).isNotEqualTo("950973182317F80B950973182317F80B");
        assertThat(adjusted.checkValueHex()).isEqualTo(asGiven.checkValueHex());
    }

    @Test
    void aComponentOfTheWrongLengthIsRefusedByNumber() {
        List<byte[]> components = List.of(new byte[16], new byte[16], new byte[15]);

        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.TMK, components))
                .isInstanceOf(HsmException.class)
                .hasMessage("component 3 has 15 bytes; expected 16 bytes, the length of component 1");
    }

    @Test
    void theFirstComponentMustHaveALengthOfTheAlgorithm() {
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.TMK, List.of(new byte[12], new byte[12])))
                .isInstanceOf(HsmException.class)
                .hasMessage("component 1 has 12 bytes; expected 8, 16 or 24 bytes for TDES");
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.TMK, KeyAlgorithm.SM4, List.of(new byte[8])))
                .isInstanceOf(HsmException.class)
                .hasMessage("component 1 has 8 bytes; expected 16 bytes for SM4");
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.KEK, KeyAlgorithm.AES, List.of(new byte[8])))
                .isInstanceOf(HsmException.class)
                .hasMessage("component 1 has 8 bytes; expected 16, 24 or 32 bytes for AES");
    }

    @Test
    void missingComponentsAreRefused() {
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.TMK, List.of()))
                .isInstanceOf(HsmException.class).hasMessageContaining("clearComponents is empty");
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.TMK, null))
                .isInstanceOf(HsmException.class).hasMessageContaining("clearComponents is null");
        assertThatThrownBy(() -> module.formKeyFromComponents(KeyUsage.TMK, Arrays.asList(new byte[8], null)))
                .isInstanceOf(HsmException.class).hasMessageContaining("component 2 is null; expected 8 bytes");
        assertThatThrownBy(() -> module.formKeyFromComponents(null, List.of(new byte[8])))
                .isInstanceOf(HsmException.class).hasMessageContaining("usage is null");
    }
}
