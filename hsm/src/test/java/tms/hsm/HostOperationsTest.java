package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;
import static tms.hsm.PinBlockTest.ascii;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host-side operations through the module, on key handles: X9.19 and X9.9 MACs, PIN translation, track
 * decryption, TDES and AES DUKPT. Each is checked against the standards' published values (the same vectors as the
 * primitives' tests), so that the module's key handling cannot hide a wrong answer.
 */
class HostOperationsTest {

    /** PIN 1234 with the PAN of X9.24-1 Annex A (PAN field 0000401234567890). */
    private static final String TDES_DUKPT_PAN = "4012345678909";
    /** PIN 1234 with the PAN of the X9.24-3 format-4 examples. */
    private static final String AES_DUKPT_PAN = "4111111111111111";
    private static final String AES_ZPK_HEX = "000102030405060708090A0B0C0D0E0F";

    @TempDir
    Path dir;

    private SoftwareSecurityModule module;
    private WrappedKey tdesZpk;
    private WrappedKey aesZpk;

    @BeforeEach
    void setUp() {
        module = Fixtures.module(dir);
        tdesZpk = Fixtures.known(module, KeyUsage.ZPK, Fixtures.DOUBLE_HEX);
        aesZpk = module.formKeyFromComponents(KeyUsage.ZPK, KeyAlgorithm.AES, List.of(hex(AES_ZPK_HEX)));
    }

    @Test
    void x919RetailMacOfIso9797AnnexB() {
        WrappedKey zak = Fixtures.known(module, KeyUsage.ZAK, Fixtures.DOUBLE_HEX);
        WrappedKey mak = Fixtures.known(module, KeyUsage.MAK, Fixtures.DOUBLE_HEX);

        byte[] mac = module.generateMac(MacAlgorithm.X9_19, zak, RetailMacTest.ANNEX_B_DATA_1);

        assertThat(hex(mac)).isEqualTo("A1C72E74EA3FA9B6");
        assertThat(module.generateMac(MacAlgorithm.X9_19, mak, RetailMacTest.ANNEX_B_DATA_1)).isEqualTo(mac);
        assertThat(module.verifyMac(MacAlgorithm.X9_19, zak, RetailMacTest.ANNEX_B_DATA_1, mac)).isTrue();
        assertThat(module.verifyMac(MacAlgorithm.X9_19, zak, RetailMacTest.ANNEX_B_DATA_1, Arrays.copyOf(mac, 4))).isTrue();
        assertThat(module.verifyMac(MacAlgorithm.X9_19, zak, RetailMacTest.ANNEX_B_DATA_1, Arrays.copyOf(mac, 3)))
                .as("fewer than 32 bits are guessable").isFalse();
        mac[7] ^= 1;
        assertThat(module.verifyMac(MacAlgorithm.X9_19, zak, RetailMacTest.ANNEX_B_DATA_1, mac)).isFalse();
    }

    @Test
    void x99MacOfFips113() {
        WrappedKey mak = Fixtures.known(module, KeyUsage.MAK, "0123456789ABCDEF");
        byte[] data = "7654321 Now is the time for ".getBytes(StandardCharsets.US_ASCII);

        assertThat(hex(module.generateMac(MacAlgorithm.X9_9, mak, data))).isEqualTo("F1D30F6849312CA4");
        assertThat(module.verifyMac(MacAlgorithm.X9_9, mak, data, hex("F1D30F68"))).isTrue();
        assertThat(module.verifyMac(MacAlgorithm.X9_9, mak, data, hex("F1D30F69"))).isFalse();
    }

    @Test
    void cupEcbByNameIsField64OfProtocolSection7() {
        WrappedKey mak = Fixtures.known(module, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
        byte[] mab = hex(Fixtures.MAB_HEX);

        assertThat(new String(module.generateMac(MacAlgorithm.CUP_ECB, mak, mab), StandardCharsets.US_ASCII))
                .isEqualTo("E267B6E2");
        assertThat(module.verifyMac(MacAlgorithm.CUP_ECB, mak, mab, "E267B6E2".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(module.verifyMac(MacAlgorithm.CUP_ECB, mak, mab, "E267".getBytes(StandardCharsets.US_ASCII)))
                .as("field 64 is always 8 characters").isFalse();
    }

    @Test
    void aMacKeyOfTheWrongShapeOrUsageIsRefusedNamingBoth() {
        WrappedKey singleMak = Fixtures.known(module, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        byte[] data = new byte[16];

        assertThatThrownBy(() -> module.generateMac(MacAlgorithm.X9_19, singleMak, data)).isInstanceOf(HsmException.class)
                .hasMessageContaining("is a 8-byte TDES key; X9_19 needs a 16-byte TDES key");
        assertThatThrownBy(() -> module.generateMac(MacAlgorithm.X9_9, tdesZpk, data)).isInstanceOf(HsmException.class)
                .hasMessageContaining("ZPK key (cv 08D7B4FB); MACs need a MAK (terminal) or a ZAK (zone)");
        assertThatThrownBy(() -> module.verifyMac(MacAlgorithm.X9_9, pik, data, new byte[8]))
                .isInstanceOf(HsmException.class).hasMessageContaining("MACs need a MAK");
        assertThatThrownBy(() -> module.generateMac(null, singleMak, data)).isInstanceOf(HsmException.class)
                .hasMessageContaining("algorithm is null; expected one of [CUP_ECB, X9_19, X9_9]");
    }

    @Test
    void translatePinToATdesZoneKeyGivesFormat0ForTheSamePin() {
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        String pan = "6217857600008050804";
        byte[] fromTerminal = TripleDes.ecb(hex(Fixtures.PIK_HEX), true, PinBlock.format0(ascii("864213"), pan));

        byte[] translated = module.translatePin(pik, fromTerminal, pan, tdesZpk);

        assertThat(TripleDes.ecb(hex(Fixtures.DOUBLE_HEX), false, translated))
                .isEqualTo(PinBlock.format0(ascii("864213"), pan));
    }

    @Test
    void translatePinToAnAesZoneKeyGivesFormat4ForTheSamePin() {
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        String pan = "6217857600008050804";
        byte[] fromTerminal = TripleDes.ecb(hex(Fixtures.PIK_HEX), true, PinBlock.format0(ascii("864213"), pan));

        byte[] translated = module.translatePin(pik, fromTerminal, pan, aesZpk);

        assertThat(translated).hasSize(16);
        assertThat(PinBlock.decipherFormat4(hex(AES_ZPK_HEX), translated, pan)).isEqualTo(ascii("864213"));
    }

    @Test
    void translatePinRefusesAnotherPanAWrongKeyAndASingleLengthZoneKey() {
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        String pan = "6217857600008050804";
        byte[] fromTerminal = TripleDes.ecb(hex(Fixtures.PIK_HEX), true, PinBlock.format0(ascii("864213"), pan));

        assertThatThrownBy(() -> module.translatePin(pik, fromTerminal, "6217857600008050812", tdesZpk))
                .isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> module.translatePin(tdesZpk, fromTerminal, pan, tdesZpk))
                .isInstanceOf(HsmException.class).hasMessageContaining("translated from a TDES PIK");
        assertThatThrownBy(() -> Fixtures.known(module, KeyUsage.ZPK, "0123456789ABCDEF"))
                .as("a single-DES zone PIN key cannot even be formed").isInstanceOf(HsmException.class)
                .hasMessageContaining("a ZPK key cannot be single DES");
        assertThatThrownBy(() -> module.translatePin(pik, fromTerminal, pan, pik))
                .isInstanceOf(HsmException.class).hasMessageContaining("under a double- or triple-length TDES ZPK");
    }

    @Test
    void decryptTrackUnderTheTdk() {
        WrappedKey tdk = Fixtures.known(module, KeyUsage.TDK, Fixtures.TDK_HEX);

        assertThat(module.decryptTrack(tdk, "40000012345620005CD313B30905A05390")).isEqualTo("4000001234562000D25122011234567890");
        assertThat(module.decryptTrack(tdk, "4000001234562000D2B63882578CF5971E1")).isEqualTo("4000001234562000D251220112345678901");
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
        assertThatThrownBy(() -> module.decryptTrack(pik, "40000012345620005CD313B30905A05390"))
                .isInstanceOf(HsmException.class).hasMessageContaining("decrypted under a 16- or 24-byte TDES TDK");
        assertThatThrownBy(() -> module.decryptTrack(tdk, "4000")).isInstanceOf(HsmException.class);
    }

    static Stream<Arguments> tdesDukptAnnexA4() {
        return TdesDukptTest.annexA4();
    }

    @ParameterizedTest(name = "KSN {0}")
    @MethodSource("tdesDukptAnnexA4")
    void tdesDukptPinAndMacsOfX924Part1AnnexA4(String ksn, String transactionKey, String encryptedPinBlock,
            String requestMac, String responseMac) {
        WrappedKey bdk = Fixtures.known(module, KeyUsage.BDK, TdesDukptTest.BDK);

        byte[] translated = module.translateDukptPin(bdk, hex(ksn), hex(encryptedPinBlock), TDES_DUKPT_PAN, tdesZpk);

        assertThat(hex(TripleDes.ecb(hex(Fixtures.DOUBLE_HEX), false, translated)))
                .as("the annex's clear PIN block, now under the zone key").isEqualTo(TdesDukptTest.CLEAR_PIN_BLOCK);
        assertThat(module.verifyDukptMac(bdk, hex(ksn), TdesDukptTest.MESSAGE, hex(requestMac))).isTrue();
        assertThat(module.verifyDukptMac(bdk, hex(ksn), TdesDukptTest.MESSAGE, hex(responseMac)))
                .as("a response MAC is no request MAC").isFalse();
        assertThat(hex(module.generateDukptMac(bdk, hex(ksn), TdesDukptTest.MESSAGE))).startsWith(responseMac);
    }

    static Stream<Arguments> aesDukptWorkingKeys() {
        return AesDukptTest.aes128BdkWorkingKeys();
    }

    @ParameterizedTest(name = "counter {0}")
    @MethodSource("aesDukptWorkingKeys")
    void aesDukptPinOfX924Part3ToBothKindsOfZoneKey(String counter, String pinKey, String macKey, String dataKey,
            String encryptedPinBlock) {
        WrappedKey bdk = module.formKeyFromComponents(KeyUsage.BDK, KeyAlgorithm.AES, List.of(hex(AesDukptTest.BDK_128)));
        byte[] ksn = hex(AesDukptTest.INITIAL_KEY_ID + counter);

        byte[] toTdes = module.translateDukptPin(bdk, ksn, hex(encryptedPinBlock), AES_DUKPT_PAN, tdesZpk);
        byte[] toAes = module.translateDukptPin(bdk, ksn, hex(encryptedPinBlock), AES_DUKPT_PAN, aesZpk);

        assertThat(TripleDes.ecb(hex(Fixtures.DOUBLE_HEX), false, toTdes)).isEqualTo(PinBlock.format0(ascii("1234"), AES_DUKPT_PAN));
        assertThat(PinBlock.decipherFormat4(hex(AES_ZPK_HEX), toAes, AES_DUKPT_PAN)).isEqualTo(ascii("1234"));
        // the device's CMAC under the published MAC generation key verifies, whole or as its leftmost 8 bytes
        byte[] data = "4012345678909D987".getBytes(StandardCharsets.US_ASCII);
        byte[] cmac = cmac(hex(macKey), data);
        assertThat(module.verifyDukptMac(bdk, ksn, data, cmac)).isTrue();
        assertThat(module.verifyDukptMac(bdk, ksn, data, Arrays.copyOf(cmac, 8))).isTrue();
        assertThat(module.verifyDukptMac(bdk, ksn, data, Arrays.copyOf(cmac, 7))).isFalse();
        assertThat(module.generateDukptMac(bdk, ksn, data)).hasSize(16).isNotEqualTo(cmac);
    }

    @Test
    void aesDukptWithAnAes256BdkUsesAes256WorkingKeys() {
        // X9.24-3 publishes the AES-256 PIN key for counter 1 of the AES-256 BDK; a device enciphers PIN 1234 under it
        WrappedKey bdk = module.formKeyFromComponents(KeyUsage.BDK, KeyAlgorithm.AES, List.of(hex(AesDukptTest.BDK_256)));
        byte[] ksn = hex(AesDukptTest.INITIAL_KEY_ID + "00000001");
        byte[] fromDevice = PinBlock.encipherFormat4(
                hex("8C1AB7BEE973829E30242E0BBBDD4946D540C98FC1B5BDCF94790001A23FD502"), ascii("1234"), AES_DUKPT_PAN,
                new java.security.SecureRandom());

        byte[] translated = module.translateDukptPin(bdk, ksn, fromDevice, AES_DUKPT_PAN, tdesZpk);

        assertThat(TripleDes.ecb(hex(Fixtures.DOUBLE_HEX), false, translated)).isEqualTo(PinBlock.format0(ascii("1234"), AES_DUKPT_PAN));
    }

    @Test
    void dukptRefusesOtherKeysAndBadKsns() {
        WrappedKey bdk = Fixtures.known(module, KeyUsage.BDK, TdesDukptTest.BDK);
        WrappedKey notBdk = Fixtures.known(module, KeyUsage.ZPK, TdesDukptTest.BDK);
        byte[] block = hex("1B9C1845EB993A7A");

        assertThatThrownBy(() -> module.translateDukptPin(notBdk, hex("FFFF9876543210E00001"), block, TDES_DUKPT_PAN, tdesZpk))
                .isInstanceOf(HsmException.class).hasMessageContaining("DUKPT needs a BDK");
        assertThatThrownBy(() -> module.translateDukptPin(bdk, hex("FFFF9876543210E0"), block, TDES_DUKPT_PAN, tdesZpk))
                .isInstanceOf(HsmException.class).hasMessageContaining("ksn");
        assertThatThrownBy(() -> module.verifyDukptMac(bdk, hex("FFFF9876543210E00001"), null, new byte[4]))
                .isInstanceOf(HsmException.class);
    }

    @Test
    void anAdapterOffersOnlyWhatItOverridesAndNamesWhatItLacks() {
        SecurityModule software = module;
        SecurityModule adapter = new SecurityModuleAdapter("HSM-9000 at 10.0.0.9:1500") {
            @Override
            public byte[] checkValue(WrappedKey key) {
                return software.checkValue(key);
            }
        };
        WrappedKey mak = Fixtures.known(module, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);

        assertThat(adapter.checkValue(tdesZpk)).isEqualTo(hex("08D7B4FB"));
        assertThatThrownBy(() -> adapter.verifyMac(mak, new byte[8], new byte[8]))
                .isInstanceOf(OperationNotSupported.class).isInstanceOf(HsmException.class)
                .hasMessageStartingWith("verifyMac is not supported by the security module HSM-9000 at 10.0.0.9:1500");
        assertThatThrownBy(() -> adapter.translateDukptPin(null, null, null, null, null))
                .hasMessageStartingWith("translateDukptPin is not supported");
    }

    private static byte[] cmac(byte[] key, byte[] data) {
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return out;
    }
}
