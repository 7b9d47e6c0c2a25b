package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tms.hsm.AesDukpt.KeyType;
import tms.hsm.AesDukpt.Usage;

/** X9.24-3-2017 supplement vectors (as transcribed, with page numbers, in openemv/dukpt test/dukpt_aes128_test.c, _aes256_test.c). */
class AesDukptTest {

    static final String BDK_128 = "FEDCBA9876543210F1F1F1F1F1F1F1F1";
    static final String BDK_256 = BDK_128 + BDK_128;
    static final String INITIAL_KEY_ID = "1234567890123456";
    static final String IK_128 = "1273671EA26AC29AFA4D1084127652A1";
    static final String IK_256 = "CE9CE0C101D1138F97FB6CAD4DF045A7083D4EAE2D35A31789D01CCF0949550F";

    /** Counter, AES-128 BDK's derivation key, AES-256 BDK's derivation key. */
    static Stream<Arguments> derivationKeys() {
        return Stream.of(
                Arguments.of("00000001", "4F21B565BAD9835E112B6465635EAE44", "54AC2B32B145EA4A554CB8BC44B17467063A799856B1CCC2A138D36E8DBF78B3"),
                Arguments.of("00000002", "2F34D68DE10F68D38091A73B9E7C437C", "5DD5A0253842BBBE1D7C0DA27021412C6F1FAB53FB928DEAE56DA06090A9DE97"),
                Arguments.of("00000003", "031504E530365CF81264238540518318", "8EEEF7C464AE415BB1D73FAED21993CD669F7999092A579EC6DD3CC680C65171"),
                Arguments.of("00000004", "0EEFC7ADA628BA68878DA9165A8A1887", "C18CBED570B3B89ECADA7CEC9C224CD5A86ECF3DE377D3EFAB720F8C4D76B9D0"),
                Arguments.of("00000005", "C2A7AC328A5DA2D6002D62465BFC028B", "6B3C3C93307151C25DC2309456F01C5C3108DAD571C321899A9B7E0C009FD2EB"),
                Arguments.of("00000006", "D30F7D9351DA58448A2F5E92B4EE3B7D", "B8BB61AE3E2D5CD8C699E0C578FB2C7B89B0C0CF02DBAB60864D8049C986C844"),
                Arguments.of("00000007", "A8253CEED9AC042C54F75D35C8352278", "88D0ACA287B3066F5DE0C93396337D4C2DA8D92C1F720A576D62CEB4C979E01E"),
                Arguments.of("00000008", "718EE6CF0B27E53D5F7AF99C4D8146A2", "20A796D5077D51B8E7613893A4F095B134E02917DC84BD391F3661D0873FF308"),
                Arguments.of("0001FFFE", "E21E8C8D347F8561A2BE752DAA85A111", "A289508CBF1228452CD86AB77B15CB35577AC828C18BB66681E5A16D6C9CCED3"),
                Arguments.of("00020000", "F7AE9025468A25D37B7249CFFED224C8", "D62DDA94A47D7DA5D763443B4ECB15EA8DD62E0E4F915958BA459591F8312E37"),
                Arguments.of("00020001", "692C8EA4013645135B36497131DF9D2C", "44110A1102748D4A3AC326F53D8CAC650212590CA7126D54546DDE0F20E89CEE"),
                Arguments.of("FFFE2000", "48E585B694EB0B18D5C35443E163C0BA", "4625EB06E4886D4AFCC9AE37ED4F4E4E1653C9E60E3F24742A87A26AA96AB7A6"),
                Arguments.of("FFFE4000", "396C2C7CA1EA701C03B86B7D41F0C562", "FF20E1BB575539ACCB44E3111BE8757F83AE8549A2DD71B441A4A424F7FFD4B1"),
                Arguments.of("FFFE8000", "0387625F189B58AE03EF0E8CCA41105E", "630535C9C53E1EC6524016930B56F6728909C45403536B419AEBCB25B7351C07"),
                Arguments.of("FFFF0000", "F6BA59389BD14A9855BE9727E7C52E3C", "6D6DB7AAAE8B3EA90E57A39E4BBA71E173B21B446B30A78D64BFC6A8806C55EE"));
    }

    /** Counter, PIN key, CMAC generation key, data encryption key, PIN block format 4 encrypted (page 31); AES-128 BDK. */
    static Stream<Arguments> aes128BdkWorkingKeys() {
        return Stream.of(
                Arguments.of("00000001", "AF8CB133A78F8DC2D1359F18527593FB", "A2DC23DE6FDE0824A2BC321E08E4B8B7", "A35C412EFD41FDB98B69797C02DCD08F", "A912150391AB65A67E52883D81CE2D15"),
                Arguments.of("00000002", "D30BDC73EC9714B000BEC66BDB7B6D09", "484C3B06E8562704528CD5B46FB12FB6", "D639514AA33AC43AD9229E433D6D4E5B", "52A00503BD34BA1383F6A7EE9FE2547F"),
                Arguments.of("00000003", "7D69F01F3B45449F62C7816ECE723268", "A5DF7D9D800CA769766F0C77CA4E6E6C", "EF17F6AB45B4820C93A3DCB21BC491AD", "A5A27E82B43A9A866A93D7ABE89CEF93"),
                Arguments.of("00000004", "91A0588318EC2673214271F70137896E", "E6E4679647D8A9057C1FC15537CB4C4E", "B3BD44C08BB6BA27C3BB4711D7D70387", "71B3D0528669498777555A8BE6698E44"),
                Arguments.of("00000005", "35A43BC9EFEB09C756204B57E3FB7D4D", "0588185FE1FF8C7E22FAD78C1C61F065", "CA02DF6F30B39E14BD0B4A30E460920F", "881A7F77A2E04E5BEA985E342FD0B628"),
                Arguments.of("00000006", "02DCC6CD1201A3A2CA7099559C862123", "7B60F72A5639C0EE7EB2100FA80BB793", "C9B8A7C4E486180B2229115164F0B293", "BDC1C3871AFB0B340AA5B5CEFD08695E"),
                Arguments.of("00000007", "6ECF912F3B18CA11A7A27BB60705FD09", "BAA08CA263C69525BC6B1BA8F4275D69", "0FA8F1F0A2DD7B1005A862D77CDED698", "4A8E6B8C7DBEE6CBA6DC774F0CB83396"),
                Arguments.of("00000008", "4D9DF3FBEE3448FC3E676D04320A90F5", "6FD572E5D59E618875F193484F9178FB", "650F34204ABD4E57764D61AC3D266FB1", "8308BB857C17F390369F761F8EB358FA"));
    }

    /** Counter, then PIN, CMAC generation and data encryption keys, each AES-128 then AES-256; AES-256 BDK. */
    static Stream<Arguments> aes256BdkWorkingKeys() {
        return Stream.of(
                Arguments.of("00000001", "09C9C432966811D6B2C3336BAC1B1202", "8C1AB7BEE973829E30242E0BBBDD4946D540C98FC1B5BDCF94790001A23FD502",
                        "F04A1FABD4176E15490CEC82E217A96D", "61DABDF4B340CF461EE860B1D1AB55357142BD2D6977306859CF49AEFE8F1549",
                        "616D59AE91F8CC7016F89FDA29605FA4", "71EB36C9A6B7F801D1D1700C29741FC5A5C4E9B45D742DA7AF6992B8AA29AF58"),
                Arguments.of("00000002", "D632226A80795D13A80AFE66A3E97B01", "3583D6CD02FC38822CC71A8D7678E04F4A8556335E6CC66863D3DADC5AEE2C62",
                        "DD99D77B4E2AB538B26BB6A8B3FB0BE3", "4417356219B2F93CE3F2671623DDCAB58A8B85AD80662A8D628024000956D426",
                        "07B79D9BFF3633C07A9FDDF132070B30", "D0AC9F71F875FFFF3A83778F72F39EBB0924A5A526617AF669665E0A19725465"),
                Arguments.of("00000003", "C2CBD3D766B16F9F82F4EE3F74478918", "96A1AB5D37CB7CF81DDE64F66C46E0389B833E7AD5F4E44C791F04FAFDA6DA0E",
                        "5A742A4A0403B3D7BB30842DAFBB5972", "35BD00A46F2A2BD127F565FBF2974B735AE3BB70242C0A415857CF69B2C2691A",
                        "706E4E629E466BED956548E7B0D90C3D", "8E70D5DF53F48ED2F2A0B54FC4F45C844579BE96F6F161222CDD50193E2F737F"),
                Arguments.of("00000004", "58A3779C1E24B3EDAF068609E7E56D59", "420AA584BF215C4777E93009B56D08DE80687021D07ED96349FF71379CE5636D",
                        "C531F7E08514858C445D5F54BFE7DA8E", "D80617C3C5869A8DCF0DA5383D032A0D6E6C51C0BF649BE992BE84AA191AE326",
                        "CF3A4D9CA7E962E4023A84A2FE47DC80", "41D23F7D78E22A978D726BC71D266374263120EE49146CE5C1291FD0EE7DDD31"),
                Arguments.of("00000005", "97504C8BB0FD4D4A88D605143BF00025", "B1E9E3D918952E6E5F67917F0FE77060F865AE27DCAD5742DDF90F61453B98BA",
                        "E2E25AA7FE6E5DD6042C632A5DFED945", "8B047E32C476C0A0AF90A9B8D1C247C433E3D4C1DF1C7FC52E8CB1DC4C8FB275",
                        "94C28455AEAD970555F326298557FA81", "813D156C142E5BB8F136427EBD0A1AC4DC9B2B5963C481F5E0A58F4BF33BD185"),
                Arguments.of("00000006", "BF281141609E6CAE7DF10DFA47A8D03D", "8714EB94E3BFD3018EC99D0434D9C94F071AF2EEBF4332FB14F5179793AA582C",
                        "07B215929C5DB4262DECEE4A0336DD4F", "A2FF6FFB37CB8042B8C9B2F94C90C83D94DD5BECCD9951CFAB0BE7BD865CA403",
                        "408D3B9A7D1AF109E2F689514BF79AC7", "F1FB0591AA2E45E1CE4C5D970C7396C4A87E53E5900C4A6D95C174140CC0AC9C"),
                Arguments.of("00000007", "B7C6BB187134E9D429C3E8B7CCBD8477", "693C893A1E81D280302E0A47E7E634337B9A9B26E7CC6064D807E08FF911AFAC",
                        "3AC9CC5159F96E10FCC5EB64015AC76A", "E8A57085DBE804B8C2767F9F77D54854861E99633A062C700B4E50A865153150",
                        "DC2915BF421D617E7725E63A7DACB18D", "69BC5C9AFB2C93CC30C3F7529360B34D7B64B7206E0F0940D8654378C54824F2"),
                Arguments.of("00000008", "53C1C60A65532313141A102AD720E967", "173A45284262A3E292D86D08FD6DE9167963214450D1D48F6103BD2EB08E61B5",
                        "6E94A9283EA9AEB7EAA77C3FF55FF2D1", "949A3FEF12DBD273DD25BB60E29BBE313C872A9DE3BE03A7E29626ACA0A42880",
                        "8950DD50C254C60E26737CA9229F0F18", "0BF8789A21D068410A16C9F7FCBF65A7B4FF73203ADC0F1B4B5E5BF8050E4284"));
    }

    private static byte[] ksn(String counter) {
        return hex(INITIAL_KEY_ID + counter);
    }

    @Test
    void initialKeysFromBothBdks() {
        assertThat(hex(AesDukpt.initialKey(hex(BDK_128), hex(INITIAL_KEY_ID)))).isEqualTo(IK_128);
        assertThat(hex(AesDukpt.initialKey(hex(BDK_256), hex(INITIAL_KEY_ID)))).isEqualTo(IK_256);
    }

    @ParameterizedTest(name = "counter {0}")
    @MethodSource("derivationKeys")
    void intermediateDerivationKeys(String counter, String aes128, String aes256) {
        assertThat(hex(AesDukpt.derivationKey(hex(IK_128), ksn(counter)))).isEqualTo(aes128);
        assertThat(hex(AesDukpt.derivationKey(hex(IK_256), ksn(counter)))).isEqualTo(aes256);
    }

    @ParameterizedTest(name = "counter {0}")
    @MethodSource("aes128BdkWorkingKeys")
    void workingKeysOfTheAes128Bdk(String counter, String pinKey, String macKey, String dataKey, String encryptedPinBlock)
            throws Exception {
        byte[] bdk = hex(BDK_128);

        assertThat(hex(AesDukpt.workingKeyFromBdk(bdk, ksn(counter), Usage.PIN_ENCRYPTION, KeyType.AES_128))).isEqualTo(pinKey);
        assertThat(hex(AesDukpt.workingKeyFromBdk(bdk, ksn(counter), Usage.MAC_GENERATION, KeyType.AES_128))).isEqualTo(macKey);
        assertThat(hex(AesDukpt.workingKeyFromBdk(bdk, ksn(counter), Usage.DATA_ENCRYPTION, KeyType.AES_128))).isEqualTo(dataKey);
        // the published ISO 9564 format 4 PIN block of PIN 1234 and PAN 4111111111111111 opens under the PIN key
        byte[] plainPinField = format4Decrypt(hex(pinKey), hex(encryptedPinBlock), hex("44111111111111111000000000000000"));
        assertThat(hex(plainPinField)).startsWith("441234AAAAAAAAAA");
    }

    @ParameterizedTest(name = "counter {0}")
    @MethodSource("aes256BdkWorkingKeys")
    void workingKeysOfTheAes256Bdk(String counter, String pin128, String pin256, String mac128, String mac256,
            String data128, String data256) {
        byte[] bdk = hex(BDK_256);
        byte[] derivationKey = AesDukpt.derivationKey(AesDukpt.initialKey(bdk, hex(INITIAL_KEY_ID)), ksn(counter));

        assertThat(hex(AesDukpt.workingKey(derivationKey, ksn(counter), Usage.PIN_ENCRYPTION, KeyType.AES_128))).isEqualTo(pin128);
        assertThat(hex(AesDukpt.workingKey(derivationKey, ksn(counter), Usage.PIN_ENCRYPTION, KeyType.AES_256))).isEqualTo(pin256);
        assertThat(hex(AesDukpt.workingKey(derivationKey, ksn(counter), Usage.MAC_GENERATION, KeyType.AES_128))).isEqualTo(mac128);
        assertThat(hex(AesDukpt.workingKey(derivationKey, ksn(counter), Usage.MAC_GENERATION, KeyType.AES_256))).isEqualTo(mac256);
        assertThat(hex(AesDukpt.workingKey(derivationKey, ksn(counter), Usage.DATA_ENCRYPTION, KeyType.AES_128))).isEqualTo(data128);
        assertThat(hex(AesDukpt.workingKey(derivationKey, ksn(counter), Usage.DATA_ENCRYPTION, KeyType.AES_256))).isEqualTo(data256);
    }

    @Test
    void everyUsageAndTypeGivesItsOwnKey() {
        byte[] bdk = hex(BDK_256);
        byte[] ksn = ksn("00000001");
        Set<String> keys = new HashSet<>();
        for (Usage usage : Usage.values()) {
            for (KeyType type : KeyType.values()) {
                byte[] key = AesDukpt.workingKeyFromBdk(bdk, ksn, usage, type);
                assertThat(key).hasSize(type.bytes);
                keys.add(hex(key));
            }
        }
        assertThat(keys).hasSize(Usage.values().length * KeyType.values().length);
        // 2TDEA and 3TDEA working keys come from an AES-128 BDK too (no published vector: lengths only)
        assertThat(AesDukpt.workingKeyFromBdk(hex(BDK_128), ksn, Usage.PIN_ENCRYPTION, KeyType.TDEA_2KEY)).hasSize(16);
        assertThat(AesDukpt.workingKeyFromBdk(hex(BDK_128), ksn, Usage.PIN_ENCRYPTION, KeyType.TDEA_3KEY)).hasSize(24);
    }

    @Test
    void cmacIsAesCmacUnderThePublishedMacKey() {
        byte[] message = "4012345678909D987".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = bcCmac(hex("A2DC23DE6FDE0824A2BC321E08E4B8B7"), message);

        byte[] cmac = AesDukpt.cmac(hex(BDK_128), ksn("00000001"), Usage.MAC_GENERATION, KeyType.AES_128, message);

        assertThat(cmac).isEqualTo(expected);
        assertThat(AesDukpt.verifyCmac(hex(BDK_128), ksn("00000001"), Usage.MAC_GENERATION, KeyType.AES_128, message, cmac)).isTrue();
        assertThat(AesDukpt.verifyCmac(hex(BDK_128), ksn("00000001"), Usage.MAC_GENERATION, KeyType.AES_128, message,
                Arrays.copyOf(cmac, 8))).isTrue();
        assertThat(AesDukpt.verifyCmac(hex(BDK_128), ksn("00000001"), Usage.MAC_GENERATION, KeyType.AES_128, message,
                Arrays.copyOf(cmac, 7))).isFalse();
        assertThat(AesDukpt.verifyCmac(hex(BDK_128), ksn("00000001"), Usage.MAC_VERIFICATION, KeyType.AES_128, message, cmac)).isFalse();
        assertThat(AesDukpt.verifyCmac(hex(BDK_128), ksn("00000002"), Usage.MAC_GENERATION, KeyType.AES_128, message, cmac)).isFalse();
        assertThat(AesDukpt.verifyCmac(hex(BDK_128), ksn("00000001"), Usage.MAC_GENERATION, KeyType.AES_128, message, null)).isFalse();
    }

    @Test
    void badInputsAreRefusedNamingTheInput() {
        assertThatThrownBy(() -> AesDukpt.initialKey(hex("0123456789ABCDEFFEDCBA98765432"), hex(INITIAL_KEY_ID)))
                .isInstanceOf(HsmException.class).hasMessage("bdk has 15 bytes; expected an AES base derivation key of 16, 24 or 32 bytes");
        assertThatThrownBy(() -> AesDukpt.initialKey(hex(BDK_128), hex("12345678901234")))
                .isInstanceOf(HsmException.class).hasMessage("initialKeyId has 7 bytes; expected a BDK ID and a derivation ID of 8 bytes");
        assertThatThrownBy(() -> AesDukpt.derivationKey(hex(IK_128), hex("FFFF9876543210E00001")))
                .isInstanceOf(HsmException.class).hasMessageContaining("ksn has 10 bytes; expected an AES DUKPT key serial number");
        assertThatThrownBy(() -> AesDukpt.workingKeyFromBdk(hex(BDK_128), ksn("00000001"), Usage.PIN_ENCRYPTION, KeyType.AES_256))
                .isInstanceOf(HsmException.class).hasMessageContaining("type is AES_256, stronger than the AES_128 derivation key");
        assertThatThrownBy(() -> AesDukpt.cmac(hex(BDK_128), ksn("00000001"), Usage.PIN_ENCRYPTION, KeyType.AES_128, new byte[1]))
                .isInstanceOf(HsmException.class).hasMessageContaining("a CMAC needs MAC_GENERATION");
        assertThatThrownBy(() -> AesDukpt.cmac(hex(BDK_128), ksn("00000001"), Usage.MAC_GENERATION, KeyType.TDEA_2KEY, new byte[1]))
                .isInstanceOf(HsmException.class).hasMessageContaining("AES-CMAC needs an AES working key");
    }

    @Test
    void countersNoDeviceSendsAreRefused() {
        assertThatThrownBy(() -> AesDukpt.derivationKey(hex(IK_128), ksn("00000000")))
                .isInstanceOf(HsmException.class).hasMessageContaining("transaction counter is 0");
        // 0001FFFF is in the supplement's table but has 17 bits set: a device skips it
        assertThatThrownBy(() -> AesDukpt.derivationKey(hex(IK_128), ksn("0001FFFF")))
                .isInstanceOf(HsmException.class).hasMessageContaining("counter 0001FFFF has 17 bits set");
        assertThatThrownBy(() -> AesDukpt.workingKeyFromBdk(hex(BDK_128), ksn("FFFFFFFF"), Usage.PIN_ENCRYPTION, KeyType.AES_128))
                .isInstanceOf(HsmException.class).hasMessageContaining("counter FFFFFFFF has 32 bits set");
        assertThat(AesDukpt.transactionCounter(ksn("FFFF0000"))).isEqualTo(0xFFFF0000);
    }

    // ISO 9564 format 4 decipherment: D(K, D(K, C) XOR PAN field) is the plain PIN field
    private static byte[] format4Decrypt(byte[] key, byte[] encrypted, byte[] panField) throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] intermediate = aes.doFinal(encrypted);
        for (int i = 0; i < intermediate.length; i++) {
            intermediate[i] ^= panField[i];
        }
        return aes.doFinal(intermediate);
    }

    private static byte[] bcCmac(byte[] key, byte[] data) {
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return out;
    }
}
