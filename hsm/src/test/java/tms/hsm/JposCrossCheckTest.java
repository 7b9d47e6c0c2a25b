package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.hsm.Fixtures.hex;
import static tms.hsm.PinBlockTest.ascii;

import java.util.Arrays;
import java.util.Random;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jpos.core.SimpleConfiguration;
import org.jpos.security.EncryptedPIN;
import org.jpos.security.SMAdapter;
import org.jpos.security.SecureDESKey;
import org.jpos.security.jceadapter.JCESecurityModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our MACs, check values and format-0 PIN blocks against jPOS 2.1.10's JCESecurityModule, an independent
 * implementation of the same operations (JCE, keys held under its own LMK).
 */
class JposCrossCheckTest {

    private static final String PAN = "4000001234562000";

    private static JCESecurityModule retail;
    private static JCESecurityModule x99;

    @BeforeAll
    static void jposModules() throws Exception {
        // generateCBC_MAC uses the JCE MAC named by "cbc-mac"; the Bouncy Castle provider's ISO9797ALG3MAC is
        // X9.19 with zero padding (jPOS's default adds ISO 7816-4 padding), DESMAC64 is the 64-bit X9.9
        retail = jpos("ISO9797ALG3MAC");
        x99 = jpos("DESMAC64");
    }

    private static JCESecurityModule jpos(String cbcMac) throws Exception {
        SimpleConfiguration cfg = new SimpleConfiguration();
        cfg.put("provider", BouncyCastleProvider.class.getName());
        // no "lmk" file: jPOS generates a random LMK in memory, as its own tests do with rebuildlmk
        cfg.put("rebuildlmk", "true");
        cfg.put("cbc-mac", cbcMac);
        return new JCESecurityModule(cfg, null, null);
    }

    private static SecureDESKey key(JCESecurityModule module, String type, String clearHex) throws Exception {
        short length = clearHex.length() == 16 ? SMAdapter.LENGTH_DES : SMAdapter.LENGTH_DES3_2KEY;
        return module.formKEYfromClearComponents(length, type, clearHex);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 5, 8, 24, 31, 256})
    void retailMacAgreesWithJpos(int length) throws Exception {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        SecureDESKey tak = key(retail, SMAdapter.TYPE_TAK, Fixtures.DOUBLE_HEX);

        assertThat(RetailMac.compute(hex(Fixtures.DOUBLE_HEX), data)).isEqualTo(retail.generateCBC_MAC(data, tak));
    }

    @Test
    void retailMacOfAnnexBThroughJpos() throws Exception {
        SecureDESKey tak = key(retail, SMAdapter.TYPE_TAK, Fixtures.DOUBLE_HEX);

        assertThat(hex(retail.generateCBC_MAC(RetailMacTest.ANNEX_B_DATA_1, tak))).isEqualTo("A1C72E74EA3FA9B6");
    }

    @Test
    void retailMacAgreesWithJposDefaultPaddingWhenWePadTheSameWay() throws Exception {
        // jPOS's default cbc-mac is ISO 9797-1 padding method 2 (80 00..); padding first gives our method-1 input
        SimpleConfiguration cfg = new SimpleConfiguration();
        cfg.put("provider", BouncyCastleProvider.class.getName());
        cfg.put("rebuildlmk", "true");
        JCESecurityModule defaults = new JCESecurityModule(cfg, null, null);
        SecureDESKey tak = key(defaults, SMAdapter.TYPE_TAK, Fixtures.DOUBLE_HEX);
        byte[] data = RetailMacTest.ANNEX_B_DATA_2;
        byte[] method2 = Arrays.copyOf(data, 24);
        method2[data.length] = (byte) 0x80;

        assertThat(RetailMac.compute(hex(Fixtures.DOUBLE_HEX), method2)).isEqualTo(defaults.generateCBC_MAC(data, tak));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 8, 28, 100})
    void x99MacAgreesWithJpos(int length) throws Exception {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        SecureDESKey tak = key(x99, SMAdapter.TYPE_TAK, "0123456789ABCDEF");

        assertThat(X99Mac.compute(hex("0123456789ABCDEF"), data)).isEqualTo(x99.generateCBC_MAC(data, tak));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "11111111111111111111111111111111",
        "44444444444444444444444444444444",
        "0123456789ABCDEFFEDCBA9876543210",
        "3333333333333333",
    })
    void checkValueAgreesWithJpos(String clearHex) throws Exception {
        SecureDESKey key = key(retail, SMAdapter.TYPE_TAK, clearHex);
        byte[] ours = TripleDes.checkValue(hex(clearHex));

        // jPOS keeps 3 bytes of E(key, zeros), we keep 4 (PROTOCOL.md §4): the first 3 must agree
        assertThat(retail.generateKeyCheckValue(key)).isEqualTo(Arrays.copyOf(ours, 3));
        assertThat(key.getKeyCheckValue()).isEqualTo(Arrays.copyOf(ours, 3));
    }

    @ParameterizedTest(name = "PIN {0}, PAN {1}")
    @CsvSource({
        "1234, 4000001234562000",
        "1234, 4012345678909",
        "123456789012, 6217857600008050804",
    })
    void format0BlockAgreesWithJpos(String pin, String pan) throws Exception {
        SecureDESKey zpk = key(retail, SMAdapter.TYPE_ZPK, Fixtures.DOUBLE_HEX);

        EncryptedPIN underZpk = retail.exportPIN(retail.encryptPIN(pin, pan), zpk, SMAdapter.FORMAT01);

        assertThat(underZpk.getPINBlock())
                .isEqualTo(TripleDes.ecb(hex(Fixtures.DOUBLE_HEX), true, PinBlock.format0(ascii(pin), pan)));
    }

    @Test
    void theModulesX919MacCheckValueAndPinTranslationOnKeyHandlesEqualJpos(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        SecurityModule module = Fixtures.module(dir);
        WrappedKey zak = Fixtures.known(module, KeyUsage.ZAK, Fixtures.DOUBLE_HEX);
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        WrappedKey zpk = Fixtures.known(module, KeyUsage.ZPK, Fixtures.DOUBLE_HEX);
        byte[] data = new byte[77];
        new Random(77).nextBytes(data);
        byte[] terminalBlock = TripleDes.ecb(hex(Fixtures.PIK_HEX), true, PinBlock.format0(ascii("8642"), PAN));

        assertThat(module.generateMac(MacAlgorithm.X9_19, zak, data))
                .isEqualTo(retail.generateCBC_MAC(data, key(retail, SMAdapter.TYPE_TAK, Fixtures.DOUBLE_HEX)));
        assertThat(Arrays.copyOf(module.checkValue(zpk), 3))
                .isEqualTo(retail.generateKeyCheckValue(key(retail, SMAdapter.TYPE_ZPK, Fixtures.DOUBLE_HEX)));
        EncryptedPIN jposTranslated = retail.translatePIN(new EncryptedPIN(terminalBlock, SMAdapter.FORMAT01, PAN),
                key(retail, SMAdapter.TYPE_TPK, Fixtures.PIK_HEX), key(retail, SMAdapter.TYPE_ZPK, Fixtures.DOUBLE_HEX),
                SMAdapter.FORMAT01);
        assertThat(module.translatePin(pik, terminalBlock, PAN, zpk)).isEqualTo(jposTranslated.getPINBlock());
    }

    @Test
    void ourTranslationMatchesJposTranslatePin() throws Exception {
        SecureDESKey tpk = key(retail, SMAdapter.TYPE_TPK, Fixtures.PIK_HEX);
        SecureDESKey zpk = key(retail, SMAdapter.TYPE_ZPK, Fixtures.DOUBLE_HEX);
        byte[] terminalBlock = TripleDes.ecb(hex(Fixtures.PIK_HEX), true, PinBlock.format0(ascii("8642"), PAN));

        EncryptedPIN jposTranslated = retail.translatePIN(new EncryptedPIN(terminalBlock, SMAdapter.FORMAT01, PAN),
                tpk, zpk, SMAdapter.FORMAT01);
        byte[] ours = PinTranslation.format0ToFormat0(hex(Fixtures.PIK_HEX), terminalBlock, PAN, hex(Fixtures.DOUBLE_HEX));

        assertThat(ours).isEqualTo(jposTranslated.getPINBlock());
        assertThat(retail.decryptPIN(retail.importPIN(new EncryptedPIN(ours, SMAdapter.FORMAT01, PAN), zpk)))
                .isEqualTo("8642");
    }
}
