package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** X9.24-1:2009 Annex A.4 vectors (as transcribed in openemv/dukpt test/dukpt_tdes_test.c and jPOS DUKPTTest). */
class TdesDukptTest {

    static final String BDK = "0123456789ABCDEFFEDCBA9876543210";
    static final String INITIAL_KSN = "FFFF9876543210E00000";
    static final String IPEK = "6AC292FAA1315B4D858AB3A3D7D5933A";
    /** ISO 9564 format 0 of PIN 1234 and PAN 4012345678909. */
    static final String CLEAR_PIN_BLOCK = "041274EDCBA9876F";
    static final byte[] MESSAGE = "4012345678909D987".getBytes(StandardCharsets.US_ASCII);

    /** KSN, transaction key, encrypted PIN block, request MAC, response MAC, request data under 3DES-CBC (zero IV, zero padding). */
    static Stream<Arguments> annexA4() {
        return Stream.of(
                // A.4.2, the initial sequence
                row("E00001", "042666B49184CFA368DE9628D0397BC9", "1B9C1845EB993A7A", "9CCC7817", "20364223", "FC0D53B7EA1FDA9EE68AAF2E70D9B9506229BE2AA993F04F"),
                row("E00002", "C46551CEF9FD24B0AA9AD834130D3BC7", "10A01C8D02C69107", "F608A9BC", "D1FCA6BE", "A2B4E70F846E63D68775B7215EB4563DFD3037244C61CC13"),
                row("E00003", "0DF3D9422ACA56E547676D07AD6BADFA", "18DC07B94797B466", "20B59A4F", "BAD4CC9C", "BD751E65F10E75B6C1D5B1D283496A36C2DE21D993C387A7"),
                row("E00004", "279C0F6AEED0BE652B2C733E1383AE91", "0BC79509D5645DF7", "C7BFA6CC", "1EB08AEE", "1118F50947441BBDA3C8C70220021A12EC31CC473F7215F4"),
                row("E00005", "5F8DC6D2C845C125508DDC048093B83F", "5BC0AF22AD87B327", "0202B963", "5CBE3E81", "9FD7BD1EC28845ACA93367A9DA9317BD555C6B33AE22D365"),
                row("E00006", "5E415CB0BAF9F03CD0C14B63FB62FF43", "A16DF70AE36158D8", "CF6C72E6", "C60D38E8", "DC526613AD9095C1CEC60C41B7686ED606AC1AA2F4F54912"),
                row("E00007", "0C8F780B7C8B49D0AE84A9EB2A6CE660", "27711C16CB257F8E", "B11EB0D9", "053EFD39", "24700BD6F17751531F2A16CE2AF7731101E6F87839C67244"),
                row("E00008", "27F66D5244FF62E1AA6F6120EDEB4280", "50E55547A5027551", "3679055B", "7FACA91D", "5F6584DEAFC51B48A239B51C2DACA97176C01D9CA8EDC33C"),
                row("E00009", "27E31064FDC565698900E2057F658E7E", "536CF7F678ACFC8D", "26AA23DC", "37F17B8F", "7CB9080923ED4D7D8D1B8A2849331684CC910522023BE537"),
                row("E0000A", "6CF2500A22507C7CC776CEADC1E33014", "EDABBA23221833FE", "1632621C", "CE038CC9", "C221F5A8CA5DA909BE04938E0FB8DFCFB30ED0D62B590663"),
                row("E0000B", "3E8260BA04B2D620C01482B3819A18B7", "2328981C57B4BDBA", "76D95CB4", "27C9FA5E", "98A271C13E4AEE80C6343867F2F0F6C55E8B7E5645866A0B"),
                row("E0000C", "B716E1E11CF53D80726CAEE75C3A624F", "038D03CC926CF286", "BAD9D84D", "6D2ECC6A", "273CBE2F275B1C29D53F3C01A24DEC73F92C3BE219FFCB91"),
                row("E0000D", "E072EDF95340535FB6C581C58FBF2533", "6C8AA97088B62C68", "AAAFB598", "7E40B492", "7290CB9D6F6E35A9B8A34C590A93696F8FE0137A8558884C"),
                row("E0000E", "A80046087F5B8F245AAD95E18429084F", "F17C9E1D72CD4950", "4EC79532", "55233989", "48207931E5F6E5E3E02E7E1D7BED4E3232FCA67E66A31F61"),
                row("E0000F", "93DD5B956C4878472E453AAEFD32A5AA", "B170F6E7F7F2F64A", "82500D05", "AFE23CBA", "166246602B1255114A4012513B0DD4A9E19E82C945860C55"),
                row("E00010", "59598DCBD9BD94C094165CE453585F57", "D5D9638559EF53D6", "D39D3A59", "9E933C88", "53EDA44BDBCA037B2D3FEAEBAF73499336767BD1D0D09679"),
                row("E00011", "2B5F01F4F0CC05EA639D523231BF1BA2", "D544F8CDD292C863", "F094AF93", "631E7B39", "086F3F46238B99AFB35DA42029675EE1FAB1C606307B35FB"),
                row("E00012", "9CF640F279C2AEE615F725EEEAC2CBAF", "7A21BD10F36DC41D", "A819AF04", "E93F5E27", "270439430E60BFC600FE3DC7E7AD8C72D22D5284EC676EF2"),
                row("E00013", "C3DF489FDF1153B4F03DE97C27DC4C2F", "78649BD17D0DFA60", "79285A17", "FCE7A5A5", "2FEAE132FA0E46B4ABF55A87477AFA907E598868BCC236DA"),
                row("E00014", "658488507721B3F14737FA93F923CBD2", "7E7E16EA0C31AD56", "E2B2637F", "A10E94AA", "A16A61328E36A21858B5FBFBE7BAF7985F5C54F5B8C12298"),
                row("E00015", "E161D1956A61F6D2F37AFD7F9CC3699A", "72105C22EBC791E6", "B2033EBD", "BDA3AEE1", "42A9342FD5C1ACD20E137950A7368D2BBE884275B7906918"),
                // A.4.3, the rollover sequence: counters with ten bits set and the jump to 100000
                row("EFF800", "F9CDFEBF4F5B1D9EB3EC12454527E176", "33365F5CC6F23C35", "23E3CB62", "5776C376", "5FF8C648565975E746C0CB7B1157DCB6EC3C5F25E82F8A62"),
                row("EFF801", "5BEE92627E97825C911BF619DF72CA3B", "3A86BF003F835C9D", "97623632", "69D1EF47", "55374FDBB3B2B4ED0751243FC0C54DB1F3F3CF76F0C0B3C4"),
                row("EFF802", "64CA2F8AB93F61B01620B00BF77C7301", "3DB977D05C36DF3F", "72608521", "BF7036B7", "74A1250E3234DEDEB422FA7F862C484BBA6924DF9BC32CE5"),
                row("EFF804", "35A168695B3BA83307E871C42021DD37", "BA83243305712099", "D86687B7", "645A0A18", "159E9FA8E979A9C76C118C7BE9E5D436AC0B22CD098BAE1F"),
                row("EFF808", "12C380FCB72ED3C26FC6079AF63F4787", "B0DA04AC90A36D85", "5E00713D", "E8D8026A", "F87F61877DFF1CD39A635BEA4D15F81D30793B9157805BE4"),
                row("EFF810", "D8007C833A1E3C49C6889B97A68C54FF", "2CF02BD9C309EEDA", "1BCCF968", "9623FF45", "4DEA2DDA8D079F8040CAD885C29A4037E9490480256D074D"),
                row("EFF820", "A9C9FF9B735FDD49591F296B0BF0FD70", "9D1E2F77AEEE81C6", "2F6D2191", "FF864D19", "CE625FFBBB339C8305FA86CBFD192F4292B29962649947DD"),
                row("EFF840", "0E3E221062CB5E03A384602783A004FA", "40870B0F8BA2011C", "4DA4CBAC", "3CE7AD50", "29DDF3F2C3B9BE76A8338E2B22BA668B68B46AAE9C714607"),
                row("EFF880", "CA8225C587124DFBB87F279C0BE29727", "22E340D6ABB40981", "95C43BC2", "73D03F0B", "9E9AA50594849DEB63BC3EF3BE63C5637F03D03B0DCFA973"),
                row("EFF900", "906AAC1751D4971A144D52C76C6E1F97", "1A4C10AFBA03A430", "D6BEAA71", "5D461B71", "C653AFCD3245ADB3B113FFC48B46BD0B6C5B3B5FB10044EE"),
                row("EFFA00", "2B9E2CE7C2750337E10B54D2989EA6AF", "849763B43E5F9CFF", "93930C9F", "531DA5F9", "50EB117D8CB2BE5ADBBE98B6570C557C13622688A61D559D"),
                row("EFFC00", "F9430DF975082491C77BE4EF4FDB91EE", "DEFC6F09F8927B71", "2917C6EF", "AA8D2DA6", "A2C773BC45B277E3F100C37E30A6A6FB1865134815B05EBC"),
                row("F00000", "AA4D58DB653EC74A48C75F2F047DD2B5", "73EC88AD0AC5830E", "7DFA9315", "1444BEC3", "1E830E7F53FC171E35380145320233EF9C6F3B08CED984AB"));
    }

    private static Arguments row(String ksnTail, String transactionKey, String encryptedPinBlock, String requestMac,
            String responseMac, String encryptedRequest) {
        return Arguments.of("FFFF9876543210" + ksnTail, transactionKey, encryptedPinBlock, requestMac, responseMac,
                encryptedRequest);
    }

    @Test
    void initialKeyOfTheAnnexExample() {
        assertThat(hex(TdesDukpt.initialKey(hex(BDK), hex(INITIAL_KSN)))).isEqualTo(IPEK);
        // the counter does not enter the IPEK
        assertThat(hex(TdesDukpt.initialKey(hex(BDK), hex("FFFF9876543210E00015")))).isEqualTo(IPEK);
        assertThat(hex(TdesDukpt.initialKey(hex(BDK), hex("FFFF9876543210FFF800")))).isEqualTo(IPEK);
    }

    @Test
    void pinKeyOfProtocolSection7() {
        byte[] ksn = hex("FFFF9876543210E00001");

        assertThat(hex(TdesDukpt.workingKey(hex(BDK), ksn, TdesDukpt.Variant.PIN_ENCRYPTION)))
                .isEqualTo("042666B49184CF5C68DE9628D0397B36");
    }

    @Test
    void theClearPinBlockIsFormat0OfPin1234AndTheAnnexPan() {
        byte[] pinField = hex("041234FFFFFFFFFF");
        byte[] panField = hex("0000401234567890");
        byte[] block = new byte[8];
        for (int i = 0; i < 8; i++) {
            block[i] = (byte) (pinField[i] ^ panField[i]);
        }

        assertThat(hex(block)).isEqualTo(CLEAR_PIN_BLOCK);
    }

    @ParameterizedTest(name = "KSN {0}")
    @MethodSource("annexA4")
    void transactionKeyFromTheIpek(String ksn, String transactionKey) {
        assertThat(hex(TdesDukpt.transactionKey(hex(IPEK), hex(ksn)))).isEqualTo(transactionKey);
    }

    @ParameterizedTest(name = "KSN {0}")
    @MethodSource("annexA4")
    void pinBlockUnderThePinVariant(String ksn, String transactionKey, String encryptedPinBlock) throws Exception {
        byte[] pinKey = TdesDukpt.variantKey(hex(transactionKey), TdesDukpt.Variant.PIN_ENCRYPTION);

        assertThat(hex(jceTripleDes("DESede/ECB/NoPadding", pinKey, hex(CLEAR_PIN_BLOCK)))).isEqualTo(encryptedPinBlock);
        assertThat(hex(TdesDukpt.decryptPinBlock(hex(BDK), hex(ksn), hex(encryptedPinBlock)))).isEqualTo(CLEAR_PIN_BLOCK);
    }

    @ParameterizedTest(name = "KSN {0}")
    @MethodSource("annexA4")
    void requestAndResponseMacs(String ksn, String transactionKey, String encryptedPinBlock, String requestMac,
            String responseMac) {
        byte[] bdk = hex(BDK);

        assertThat(hex(TdesDukpt.mac(bdk, hex(ksn), TdesDukpt.Variant.MAC_REQUEST, MESSAGE))).startsWith(requestMac);
        assertThat(hex(TdesDukpt.mac(bdk, hex(ksn), TdesDukpt.Variant.MAC_RESPONSE, MESSAGE))).startsWith(responseMac);
        assertThat(TdesDukpt.verifyMac(bdk, hex(ksn), TdesDukpt.Variant.MAC_REQUEST, MESSAGE, hex(requestMac))).isTrue();
        assertThat(TdesDukpt.verifyMac(bdk, hex(ksn), TdesDukpt.Variant.MAC_RESPONSE, MESSAGE, hex(responseMac))).isTrue();
        // a request MAC is no response MAC
        assertThat(TdesDukpt.verifyMac(bdk, hex(ksn), TdesDukpt.Variant.MAC_RESPONSE, MESSAGE, hex(requestMac))).isFalse();
    }

    @ParameterizedTest(name = "KSN {0}")
    @MethodSource("annexA4")
    void requestDataUnderTheDataVariant(String ksn, String transactionKey, String encryptedPinBlock, String requestMac,
            String responseMac, String encryptedRequest) throws Exception {
        byte[] dataKey = TdesDukpt.variantKey(hex(transactionKey), TdesDukpt.Variant.DATA_REQUEST);
        byte[] padded = Arrays.copyOf(MESSAGE, 24);

        assertThat(hex(jceTripleDes("DESede/CBC/NoPadding", dataKey, padded))).isEqualTo(encryptedRequest);
    }

    @Test
    void variantsAreTheAnnexMasksAndTheDataKeysAreEncryptedUnderThemselves() throws Exception {
        byte[] key = hex("042666B49184CFA368DE9628D0397BC9");

        // the masks XORed in by hand: 000000000000FF00 and 00000000FF000000 in each half
        assertThat(hex(TdesDukpt.variantKey(key, TdesDukpt.Variant.MAC_REQUEST))).isEqualTo("042666B4918430A368DE9628D03984C9");
        assertThat(hex(TdesDukpt.variantKey(key, TdesDukpt.Variant.MAC_RESPONSE))).isEqualTo("042666B46E84CFA368DE96282F397BC9");
        // the data keys: 0000000000FF0000 and 000000FF00000000, then E(variant, variant) computed with the JCE
        byte[] requestVariant = hex("042666B49184CFA368DE9628D0397BC9");
        requestVariant[5] ^= (byte) 0xFF;
        requestVariant[13] ^= (byte) 0xFF;
        byte[] responseVariant = hex("042666B49184CFA368DE9628D0397BC9");
        responseVariant[3] ^= (byte) 0xFF;
        responseVariant[11] ^= (byte) 0xFF;
        assertThat(TdesDukpt.variantKey(key, TdesDukpt.Variant.DATA_REQUEST))
                .isEqualTo(jceTripleDes("DESede/ECB/NoPadding", requestVariant, requestVariant));
        assertThat(TdesDukpt.variantKey(key, TdesDukpt.Variant.DATA_RESPONSE))
                .isEqualTo(jceTripleDes("DESede/ECB/NoPadding", responseVariant, responseVariant));
        assertThat(TdesDukpt.variantKey(key, TdesDukpt.Variant.DATA_RESPONSE))
                .isNotEqualTo(TdesDukpt.variantKey(key, TdesDukpt.Variant.DATA_REQUEST));
    }

    @Test
    void verifyMacAcceptsFourToEightLeadingBytesOnly() {
        byte[] bdk = hex(BDK);
        byte[] ksn = hex("FFFF9876543210E00001");
        byte[] full = TdesDukpt.mac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, MESSAGE);
        byte[] flipped = Arrays.copyOf(full, 4);
        flipped[3] ^= 0x01;

        assertThat(TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, MESSAGE, full)).isTrue();
        assertThat(TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, MESSAGE, Arrays.copyOf(full, 6))).isTrue();
        assertThat(TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, MESSAGE, flipped)).isFalse();
        assertThat(TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, MESSAGE, Arrays.copyOf(full, 3))).isFalse();
        assertThat(TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, MESSAGE, new byte[0])).isFalse();
        assertThat(TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, MESSAGE, null)).isFalse();
        assertThat(TdesDukpt.verifyMac(bdk, ksn, TdesDukpt.Variant.MAC_REQUEST, "4012345678909D988".getBytes(
                StandardCharsets.US_ASCII), Arrays.copyOf(full, 4))).isFalse();
    }

    @Test
    void wrongLengthsAreRefusedNamingTheInput() {
        assertThatThrownBy(() -> TdesDukpt.initialKey(hex("0123456789ABCDEF"), hex(INITIAL_KSN)))
                .isInstanceOf(HsmException.class).hasMessage("bdk has 8 bytes; expected a double-length (2TDEA) base derivation key of 16 bytes");
        assertThatThrownBy(() -> TdesDukpt.initialKey(hex(BDK), hex("9876543210E00000")))
                .isInstanceOf(HsmException.class).hasMessage("ksn has 8 bytes; expected a TDES DUKPT key serial number of 10 bytes");
        assertThatThrownBy(() -> TdesDukpt.transactionKey(null, hex("FFFF9876543210E00001")))
                .isInstanceOf(HsmException.class).hasMessageContaining("initialKey is null");
        assertThatThrownBy(() -> TdesDukpt.decryptPinBlock(hex(BDK), hex("FFFF9876543210E00001"), new byte[16]))
                .isInstanceOf(HsmException.class).hasMessageContaining("encryptedPinBlock has 16 bytes");
        assertThatThrownBy(() -> TdesDukpt.mac(hex(BDK), hex("FFFF9876543210E00001"), TdesDukpt.Variant.PIN_ENCRYPTION, MESSAGE))
                .isInstanceOf(HsmException.class).hasMessageContaining("MAC_REQUEST or MAC_RESPONSE");
        assertThatThrownBy(() -> TdesDukpt.mac(hex(BDK), hex("FFFF9876543210E00001"), TdesDukpt.Variant.MAC_REQUEST, null))
                .isInstanceOf(HsmException.class).hasMessageContaining("data is null");
    }

    @Test
    void countersNoDeviceSendsAreRefused() {
        byte[] ipek = hex(IPEK);

        assertThatThrownBy(() -> TdesDukpt.transactionKey(ipek, hex(INITIAL_KSN)))
                .isInstanceOf(HsmException.class).hasMessageContaining("transaction counter is 0");
        // 0007FF: eleven bits set
        assertThatThrownBy(() -> TdesDukpt.transactionKey(ipek, hex("FFFF9876543210E007FF")))
                .isInstanceOf(HsmException.class).hasMessageContaining("counter 0007FF has 11 bits set");
        // 1FFFFF: an exhausted counter
        assertThatThrownBy(() -> TdesDukpt.workingKey(hex(BDK), hex("FFFF9876543210FFFFFF"), TdesDukpt.Variant.PIN_ENCRYPTION))
                .isInstanceOf(HsmException.class).hasMessageContaining("counter 1FFFFF has 21 bits set");
        // the last counter a device uses, 1FF800, has ten
        assertThat(TdesDukpt.transactionCounter(hex("FFFF9876543210FFF800"))).isEqualTo(0x1FF800);
        assertThat(TdesDukpt.transactionKey(ipek, hex("FFFF9876543210FFF800"))).hasSize(16);
    }

    static byte[] jceTripleDes(String transformation, byte[] doubleKey, byte[] data) throws Exception {
        byte[] tripleKey = new byte[24];
        System.arraycopy(doubleKey, 0, tripleKey, 0, 16);
        System.arraycopy(doubleKey, 0, tripleKey, 16, 8);
        Cipher cipher = Cipher.getInstance(transformation);
        SecretKeySpec key = new SecretKeySpec(tripleKey, "DESede");
        if (transformation.contains("CBC")) {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[8]));
        } else {
            cipher.init(Cipher.ENCRYPT_MODE, key);
        }
        return cipher.doFinal(data);
    }
}
