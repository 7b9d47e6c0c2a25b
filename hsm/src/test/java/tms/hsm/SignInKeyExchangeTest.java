package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 004 sign-in of PROTOCOL.md §7: working keys under TMK = 16 x 11. */
class SignInKeyExchangeTest {

    private static final String SIGN_IN_0810 = "60000006016132003202050810003800010AC00014000058092309021308010310003034363837393038373536343030303931303135313533303833353031393339393030383000110000000100400060950973182317F80B950973182317F80B00962B60F679786E2411E3DE0000000000000000ADC67D84A0C45C59F1E549BBA0C45C59F1E549BBE2F24340";

    private static final String PIK_UNDER_TMK = "950973182317F80B950973182317F80B";
    private static final String MAK_UNDER_TMK = "F679786E2411E3DE";
    private static final String TDK_UNDER_TMK = "A0C45C59F1E549BBA0C45C59F1E549BB";

    @TempDir
    Path dir;

    private SoftwareSecurityModule module;
    private WrappedKey tmk;
    private WrappedKey pik;
    private WrappedKey mak;
    private WrappedKey tdk;

    @BeforeEach
    void keys() {
        module = Fixtures.module(dir);
        tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        mak = Fixtures.known(module, KeyUsage.MAK, Fixtures.MAK_HEX);
        tdk = Fixtures.known(module, KeyUsage.TDK, Fixtures.TDK_HEX);
    }

    @Test
    void workingKeysEncryptUnderTheTmkAsInTheVector() {
        assertThat(hex(module.encryptUnderKek(pik, tmk))).isEqualTo(PIK_UNDER_TMK);
        assertThat(hex(module.encryptUnderKek(mak, tmk))).isEqualTo(MAK_UNDER_TMK);
        assertThat(hex(module.encryptUnderKek(tdk, tmk))).isEqualTo(TDK_UNDER_TMK);
    }

    @Test
    void theAssembled004Field62IsTheTailOfTheCaptured0810() {
        String field62 = hex(module.encryptUnderKek(pik, tmk)) + pik.checkValueHex()
                + hex(module.encryptUnderKek(mak, tmk)) + "0000000000000000" + mak.checkValueHex()
                + hex(module.encryptUnderKek(tdk, tmk)) + tdk.checkValueHex();

        assertThat(field62).hasSize(120);
        // LLL = 0060 (BCD) then the 60 bytes; field 62 is the last field of this response
        assertThat(SIGN_IN_0810).endsWith("0060" + field62);
    }

    @Test
    void importingTheVectorGivesKeysWithTheSameCheckValues() {
        WrappedKey importedPik = module.importUnderKek(KeyUsage.PIK, hex(PIK_UNDER_TMK), tmk, hex("00962B60"));
        WrappedKey importedMak = module.importUnderKek(KeyUsage.MAK, hex(MAK_UNDER_TMK), tmk, hex("ADC67D84"));
        WrappedKey importedTdk = module.importUnderKek(KeyUsage.TDK, hex(TDK_UNDER_TMK), tmk, hex("E2F24340"));

        assertThat(importedPik.usage()).isEqualTo(KeyUsage.PIK);
        assertThat(importedPik.length()).isEqualTo(16);
        assertThat(importedPik.checkValueHex()).isEqualTo("00962B60");
        assertThat(importedMak.usage()).isEqualTo(KeyUsage.MAK);
        assertThat(importedMak.length()).isEqualTo(8);
        assertThat(importedMak.checkValueHex()).isEqualTo("ADC67D84");
        assertThat(importedTdk.checkValueHex()).isEqualTo("E2F24340");
        assertThat(hex(module.checkValue(importedTdk))).isEqualTo("E2F24340");
        // the imported key is the same key: it encrypts back to the field it came from
        assertThat(hex(module.encryptUnderKek(importedPik, tmk))).isEqualTo(PIK_UNDER_TMK);
    }

    @Test
    void aWrongExpectedCheckValueIsRefused() {
        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.PIK, hex(PIK_UNDER_TMK), tmk, hex("00962B61")))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("check value 00962B60")
                .hasMessageContaining("expected 00962B61");
    }

    @Test
    void theRightFieldUnderAnotherTmkIsRefused() {
        WrappedKey otherTmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.DOUBLE_HEX);

        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.MAK, hex(MAK_UNDER_TMK), otherTmk, hex("ADC67D84")))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("not the expected ADC67D84");
    }

    @Test
    void onlyWorkingKeysTravelAndOnlyUnderATmk() {
        WrappedKey secondTmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.DOUBLE_HEX);

        assertThatThrownBy(() -> module.encryptUnderKek(secondTmk, tmk))
                .isInstanceOf(HsmException.class).hasMessageContaining("key is TMK; only PIK, MAK and TDK");
        assertThatThrownBy(() -> module.encryptUnderKek(mak, pik))
                .isInstanceOf(HsmException.class).hasMessageContaining("kek is a PIK key");
        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.TMK, hex(PIK_UNDER_TMK), tmk, hex("00962B60")))
                .isInstanceOf(HsmException.class).hasMessageContaining("usage is TMK");
        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.PIK, hex(PIK_UNDER_TMK), tdk, hex("00962B60")))
                .isInstanceOf(HsmException.class).hasMessageContaining("kek is a TDK key");
    }

    @Test
    void malformedImportInputsAreRefusedByName() {
        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.PIK, new byte[12], tmk, hex("00962B60")))
                .isInstanceOf(HsmException.class).hasMessageContaining("encrypted has 12 bytes; expected");
        assertThatThrownBy(() -> module.importUnderKek(KeyUsage.PIK, hex(PIK_UNDER_TMK), tmk, hex("00962B")))
                .isInstanceOf(HsmException.class).hasMessageContaining("expectedCheckValue has 3 bytes; expected 4");
        assertThatThrownBy(() -> module.importUnderKek(null, hex(PIK_UNDER_TMK), tmk, hex("00962B60")))
                .isInstanceOf(HsmException.class).hasMessageContaining("usage is null");
    }
}
