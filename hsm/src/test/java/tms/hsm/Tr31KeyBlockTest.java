package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TR-31 version D key blocks: published examples, round trips, refusals; KDF and CBC cross-checked on the JDK. */
class Tr31KeyBlockTest {

    // TR-31:2018 Annex A.7.4 (also ANSI X9.143:2021 §8.1 with the same KBPK and key)
    static final String A74_KBPK = "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
    static final String A74_KEY = "3F419E1CB7079442AA37474C2EFBF8B8";
    static final String A74_PADDING = "1C2965473CE206BB855B01533782";
    static final String A74_BLOCK = "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A2"
            + "7E8E31DA05F7425509593D03A457DC34";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theTr31Annex_A74ExampleUnwrapsToItsKey() {
        Tr31KeyBlock.Unwrapped unwrapped = Tr31KeyBlock.unwrap(hex(A74_KBPK), A74_BLOCK);

        assertThat(hex(unwrapped.key())).isEqualTo(A74_KEY);
        assertThat(unwrapped.header()).isEqualTo(new Tr31Header('D', "P0", 'A', 'E', "00", 'E', List.of()));
    }

    @Test
    void wrappingWithTheExamplesPaddingGivesTheExamplesBlock() {
        Tr31Header header = Tr31Header.of('D', "P0", 'A', 'E', "00", 'E');

        assertThat(Tr31KeyBlock.wrap(hex(A74_KBPK), header, hex(A74_KEY), hex(A74_PADDING))).isEqualTo(A74_BLOCK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // ANSI X9.143:2021 §8.1: the A.7.4 key with its length masked (padded as a 32-byte key)
        "X9.143:2021 8.1, 88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6, "
                + "D0144P0AE00E00002C77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FAC12C13C3829DE55D3AB54C48F4C4FEF7AC75E90FC47F1B77E7B19A73ED46E64410082557, "
                + "3F419E1CB7079442AA37474C2EFBF8B8, P0, A, E, 00, E",
        // Thales payShield 10k output, published as test data of github.com/openemv/tr31 (test/tr31_decrypt_test.c)
        "payShield 10k TDEA BDK, 4141414141414141414141414141414141414141414141414141414141414141, "
                + "D0112B0TN00N000037DB9B046B7B0048785690759580ABC3B9842AB4BB7717B49E92528E575785D8123559376A2553B27BE94F054F4E971C, "
                + "1FA1F7CEC798D91545DA8AE0C7796BD9, B0, T, N, 00, N",
        "payShield 10k AES-256 data key, 4141414141414141414141414141414141414141414141414141414141414141, "
                + "D0144D0AN00N0000127862F945C2DED04530FAF7CDBC8B0BA10C7AA79BD5E0C2C5D6AC173BF588E4B19ACF1357178D50EA0AB193228E13958304FC6149632DFDCADF3A5B3D57E814, "
                + "BE19E6A07A760F10EF8E83A226B63AAD141F463FDDD4F47DB244B4023EC3CACC, D0, A, N, 00, N",
        // ISO 20038:2017 B.3 (KBPK = ASCII '256-bit AES wrapping (ISO 20038)'); the key is the one its MAC input shows
        "ISO 20038:2017 B.3, 3235362D62697420414553207772617070696E67202849534F20323030333829, "
                + "D0112M3TV16N000018462FA5903B8D2B82FEE26B29713C0BE7ED81601087F12252093D06FC0A012C1CF769AD0E3E9E4877166AB013FC22B4, "
                + "767361707064642032454552206B6479, M3, T, V, 16, N",
    })
    void publishedVersionDExamplesUnwrap(String source, String kbpk, String block, String key, String usage,
            char algorithm, char mode, String keyVersion, char exportability) {
        Tr31KeyBlock.Unwrapped unwrapped = Tr31KeyBlock.unwrap(hex(kbpk), block);

        assertThat(hex(unwrapped.key())).as(source).isEqualTo(key);
        assertThat(unwrapped.header())
                .isEqualTo(new Tr31Header('D', usage, algorithm, mode, keyVersion, exportability, List.of()));
    }

    @Test
    void theX9143AsymmetricExampleWithAnExtendedLengthCertificateBlockUnwraps() throws IOException {
        // ANSI X9.143:2021 §8.5: an RSA private key under an AES-128 KBPK, with CT (extended length), KP, TS and PB
        Tr31KeyBlock.Unwrapped unwrapped = Tr31KeyBlock.unwrap(hex("FA36E44278DB3AB5F298F9F7DA8F1F88"),
                resource("x9143-2021-8.5.keyblock"));

        assertThat(hex(unwrapped.key())).isEqualTo(resource("x9143-2021-8.5.key.hex"));
        Tr31Header header = unwrapped.header();
        assertThat(header.keyUsage()).isEqualTo("S0");
        assertThat(header.algorithm()).isEqualTo('R');
        assertThat(header.optionalBlocks()).extracting(Tr31Header.OptionalBlock::id).containsExactly("CT", "KP", "TS", "PB");
        assertThat(header.optionalBlocks().get(0).data()).startsWith("00MIIDszCC").hasSize(0x500 - 10);
        assertThat(header.optionalBlocks().get(1).data()).isEqualTo("01D77F007724");
        assertThat(header.optionalBlocks().get(2).data()).isEqualTo("20200818221218Z");
    }

    @Test
    void theX9143EcExampleUnwraps() throws IOException {
        // ANSI X9.143:2021 §8.6: an EC private key under the A.7.4 KBPK, with a certificate chain block
        Tr31KeyBlock.Unwrapped unwrapped = Tr31KeyBlock.unwrap(hex(A74_KBPK), resource("x9143-2021-8.6.keyblock"));

        assertThat(hex(unwrapped.key())).isEqualTo(resource("x9143-2021-8.6.key.hex"));
        assertThat(unwrapped.header().algorithm()).isEqualTo('E');
        assertThat(unwrapped.header().optionalBlocks()).extracting(Tr31Header.OptionalBlock::id)
                .containsExactly("CT", "KP", "TS", "PB");
    }

    @Test
    void theKeysDerivedFromTheKbpkMatchAnIndependentCmacOnTheJdk() throws Exception {
        for (int length : new int[] {16, 24, 32}) {
            byte[] kbpk = new byte[length];
            RANDOM.nextBytes(kbpk);
            int algorithm = length / 8; // algorithm indicator: AES-128 2, AES-192 3, AES-256 4
            byte[] kbek = new byte[length];
            byte[] kbak = new byte[length];
            for (int counter = 1; (counter - 1) * 16 < length; counter++) {
                byte[] encData = {(byte) counter, 0, 0, 0, 0, (byte) algorithm, (byte) (length * 8 >> 8), (byte) (length * 8)};
                byte[] macData = encData.clone();
                macData[2] = 1;
                byte[] e = JdkCmac.of(kbpk, encData);
                byte[] m = JdkCmac.of(kbpk, macData);
                int n = Math.min(16, length - (counter - 1) * 16);
                System.arraycopy(e, 0, kbek, (counter - 1) * 16, n);
                System.arraycopy(m, 0, kbak, (counter - 1) * 16, n);
            }
            assertThat(Tr31Kdf.kbek(kbpk)).as("KBEK for AES-%d", length * 8).isEqualTo(kbek);
            assertThat(Tr31Kdf.kbak(kbpk)).as("KBAK for AES-%d", length * 8).isEqualTo(kbak);
        }
    }

    @Test
    void ourBlocksDecryptAndVerifyOnTheJdk() throws Exception {
        byte[] kbpk = new byte[24];
        RANDOM.nextBytes(kbpk);
        byte[] key = hex(Fixtures.DOUBLE_HEX);
        String block = Tr31KeyBlock.wrap(kbpk, Tr31Header.of('D', "K0", 'T', 'B', "00", 'E'), key, RANDOM);

        byte[] binary = hex(block.substring(16));
        byte[] mac = Arrays.copyOfRange(binary, binary.length - 16, binary.length);
        Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
        cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Tr31Kdf.kbek(kbpk), "AES"), new IvParameterSpec(mac));
        byte[] keyData = cbc.doFinal(binary, 0, binary.length - 16);
        byte[] macInput = new byte[16 + keyData.length];
        System.arraycopy(block.substring(0, 16).getBytes(StandardCharsets.US_ASCII), 0, macInput, 0, 16);
        System.arraycopy(keyData, 0, macInput, 16, keyData.length);

        assertThat(JdkCmac.of(Tr31Kdf.kbak(kbpk), macInput)).isEqualTo(mac);
        assertThat(Arrays.copyOfRange(keyData, 0, 2)).isEqualTo(new byte[] {0, (byte) 128});
        assertThat(Arrays.copyOfRange(keyData, 2, 18)).isEqualTo(key);
        // padded as if the key were 24 bytes: 2 + 24 rounded up to 32
        assertThat(keyData).hasSize(32);
    }

    @ParameterizedTest(name = "KBPK {0} bytes, algorithm {1}, key {2} bytes")
    @CsvSource({"16, T, 16", "16, D, 8", "24, T, 24", "24, A, 16", "32, A, 32", "32, A, 24", "32, H, 40", "16, R, 300"})
    void ourBlocksRoundTrip(int kbpkLength, char algorithm, int keyLength) {
        byte[] kbpk = random(kbpkLength);
        byte[] key = random(keyLength);
        Tr31Header header = Tr31Header.of('D', "D0", algorithm, 'B', "07", 'S');

        String block = Tr31KeyBlock.wrap(kbpk, header, key, RANDOM);
        Tr31KeyBlock.Unwrapped unwrapped = Tr31KeyBlock.unwrap(kbpk, block);

        assertThat(unwrapped.key()).isEqualTo(key);
        assertThat(unwrapped.header()).isEqualTo(header);
        assertThat(Integer.parseInt(block.substring(1, 5))).isEqualTo(block.length());
        assertThat((block.length() - 16) % 32).isZero();
        assertThat(block.substring(16)).matches("[0-9A-F]+");
    }

    @Test
    void optionalBlocksRoundTripWithAPadBlockAndAnExtendedLength() {
        byte[] kbpk = random(32);
        byte[] key = random(16);
        Tr31Header header = new Tr31Header('D', "B0", 'A', 'X', "00", 'E', List.of(
                new Tr31Header.OptionalBlock("KS", "00604B120F9292800000"),
                new Tr31Header.OptionalBlock("CT", "00" + "M".repeat(299))));

        String block = Tr31KeyBlock.wrap(kbpk, header, key, RANDOM);
        Tr31Header read = Tr31KeyBlock.unwrap(kbpk, block).header();

        assertThat(block).startsWith("D").contains("KS1800604B120F9292800000CT0004013700MMM");
        assertThat(read.optionalBlocks()).hasSize(3);
        assertThat(read.optionalBlocks().subList(0, 2)).isEqualTo(header.optionalBlocks());
        assertThat(read.optionalBlocks().get(2).id()).isEqualTo("PB");
        assertThat(read.optionalBlocksLength() % 16).isZero();
        assertThat(block.substring(12, 14)).isEqualTo("03");
    }

    @Test
    void theRandomPaddingMakesEachWrapDifferent() {
        byte[] kbpk = random(16);
        byte[] key = random(16);
        Tr31Header header = Tr31Header.of('D', "P0", 'T', 'E', "00", 'E');

        assertThat(Tr31KeyBlock.wrap(kbpk, header, key, RANDOM)).isNotEqualTo(Tr31KeyBlock.wrap(kbpk, header, key, RANDOM));
    }

    @ParameterizedTest(name = "character {0} changed")
    @CsvSource({"9", "11", "12", "17", "50", "111"})
    void anAlteredBlockIsRefused(int position) {
        char[] chars = A74_BLOCK.toCharArray();
        chars[position - 1] = chars[position - 1] == 'E' ? 'N' : chars[position - 1] == '0' ? '1' : '0';
        String altered = new String(chars);

        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(hex(A74_KBPK), altered))
                .isInstanceOf(HsmException.class)
                .hasMessage("the key block's MAC does not verify: it was altered or protected under another key");
    }

    @Test
    void anotherKbpkCannotUnwrap() {
        byte[] other = hex(A74_KBPK);
        other[0] ^= 1;

        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(other, A74_BLOCK))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("MAC does not verify")
                .message().doesNotContain(A74_KEY);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // ANSI X9.143:2021 §8.3.2.2 as reproduced in public test data: a version B block
        "B0080P0TE00E000094B420079CC80BA3461F86FE26EFC4A3B8E4FA4C5F5341176EED7B727B8A248E|version 'B'; this module reads and writes version D",
        "X0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34|version 'X'",
        "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC3|length field says 112 characters but the key block has 111",
        "D011XP0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34|length field (positions 2-5) is '011X'; expected 4 decimal digits",
        "D0112P0AE00E0001B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34|reserved field (positions 15-16) is '01'",
        "D0112P0AQ00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34|mode of use is 'Q'",
        "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DCZ4|not hexadecimal at position 111",
        "D0048P0AE00E00009B8F5C30BDD3A946205FDF791C3548EC|32 characters after its header",
        "D0112P0AE00E0100B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A27E8E31DA05F7425509593D03A457DC34|optional blocks take 38 characters; version D needs a multiple of 16",
        "D0028P0AE00E0100KS0C00000000|optional blocks take 12 characters; version D needs a multiple of 16",
        "D0014P0AE00E0000|the key block's length field says 14 characters but the key block has 16",
        "D0112|the key block has 5 characters",
    })
    void malformedBlocksAreRefusedWithTheReason(String block, String reason) {
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(hex(A74_KBPK), block))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aKbpkThatIsNotAnAesKeyIsRefused() {
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(new byte[19], A74_BLOCK))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("the key block protection key has 19 bytes; version D key blocks need an AES key of 16, 24 or 32 bytes");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // blocks whose MAC verifies under KBPK 16 x 'E' but whose key data is wrong (test data of the psec project)
        "D0080M3TC00E000007E81A7F29A870D4A0CD5AB27E9FEC4A8863E879B11EA3A0ADA406AD26D35B2F|key length field says",
        "D0112P0AE00E00000DC02E4C2B63120403CC732FB1B17E6D44138E7C341AE7368DEAD6FB4673F25ECFD803F1101F701A7FE8BD3516D3D1BF|key length field says",
    })
    void aVerifiedBlockWithAnImpossibleKeyLengthIsRefused(String block, String reason) {
        byte[] kbpk = "EEEEEEEEEEEEEEEE".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(kbpk, block))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void wrappingRefusesAKeyThatDoesNotFitItsAlgorithmOrVersion() {
        byte[] kbpk = random(16);

        assertThatThrownBy(() -> Tr31KeyBlock.wrap(kbpk, Tr31Header.of('D', "P0", 'T', 'E', "00", 'E'), random(8), RANDOM))
                .isInstanceOf(HsmException.class).hasMessageContaining("8 bytes, which does not fit algorithm T");
        assertThatThrownBy(() -> Tr31KeyBlock.wrap(kbpk, Tr31Header.of('B', "P0", 'T', 'E', "00", 'E'), random(16), RANDOM))
                .isInstanceOf(HsmException.class).hasMessageContaining("writes version D");
        assertThatThrownBy(() -> Tr31KeyBlock.wrap(random(20), Tr31Header.of('D', "P0", 'T', 'E', "00", 'E'), random(16), RANDOM))
                .isInstanceOf(HsmException.class).hasMessageContaining("has 20 bytes");
        assertThatThrownBy(() -> Tr31KeyBlock.wrap(kbpk, Tr31Header.of('D', "P0", 'A', 'E', "00", 'E'), random(16), new byte[3]))
                .isInstanceOf(HsmException.class).hasMessageContaining("must fill whole 16-byte AES blocks");
    }

    @Test
    void headerFieldsAreValidated() {
        assertThatThrownBy(() -> Tr31Header.of('D', "P", 'T', 'E', "00", 'E'))
                .isInstanceOf(HsmException.class).hasMessageContaining("key usage is 'P'");
        assertThatThrownBy(() -> Tr31Header.of('D', "P0", 'Z', 'E', "00", 'E'))
                .isInstanceOf(HsmException.class).hasMessageContaining("algorithm is 'Z'");
        assertThatThrownBy(() -> Tr31Header.of('D', "P0", 'T', 'E', "0", 'E'))
                .isInstanceOf(HsmException.class).hasMessageContaining("key version number is '0'");
        assertThatThrownBy(() -> Tr31Header.of('D', "P0", 'T', 'E', "00", 'X'))
                .isInstanceOf(HsmException.class).hasMessageContaining("exportability is 'X'");
        assertThatThrownBy(() -> new Tr31Header.OptionalBlock("K", "x"))
                .isInstanceOf(HsmException.class).hasMessageContaining("optional block ID is 'K'");
        assertThatThrownBy(() -> new Tr31Header.OptionalBlock("KS", "\u00e9"))
                .isInstanceOf(HsmException.class).hasMessageContaining("not printable ASCII at position 1");
    }

    @Test
    void theLmkDerivedKbpkMatchesItsDefinitionAndProtectsBlocksForThatLmkOnly() throws Exception {
        byte[] c1 = hex("0101010101010101010101010101010101010101010101010101010101010101");
        byte[] c2 = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        Lmk lmk = Lmk.fromComponents(List.of(c1, c2));
        byte[] lmkKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            lmkKey[i] = (byte) (c1[i] ^ c2[i]);
        }
        byte[] label = "tms.hsm tr31-kbpk v1".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = new byte[32];
        for (int counter = 1; counter <= 2; counter++) {
            byte[] input = new byte[1 + label.length + 3];
            input[0] = (byte) counter;
            System.arraycopy(label, 0, input, 1, label.length);
            input[label.length + 2] = 0x01; // separator 00, then 0100 = 256 bits
            System.arraycopy(JdkCmac.of(lmkKey, input), 0, expected, (counter - 1) * 16, 16);
        }

        byte[] kbpk = Tr31Kdf.kbpkFromLmk(lmk);
        assertThat(kbpk).isEqualTo(expected).isNotEqualTo(lmkKey);
        assertThat(Tr31Kdf.kbpkFromLmk(Lmk.fromComponents(List.of(c1, c2)))).isEqualTo(kbpk);

        String block = Tr31KeyBlock.wrap(kbpk, Tr31Usage.TMK.header(KeyAlgorithm.TDES, 16, 'N'), hex(Fixtures.TMK_HEX), RANDOM);
        assertThat(Tr31KeyBlock.unwrap(Tr31Kdf.kbpkFromLmk(lmk), block, Tr31Usage.TMK).key()).isEqualTo(hex(Fixtures.TMK_HEX));

        Lmk other = Lmk.fromComponents(List.of(c1, hex("FF" + "00".repeat(31))));
        assertThatThrownBy(() -> Tr31KeyBlock.unwrap(Tr31Kdf.kbpkFromLmk(other), block))
                .isInstanceOf(HsmException.class).hasMessageContaining("MAC does not verify");
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Tr31KeyBlockTest.class.getResourceAsStream("/tr31/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    /** AES-CMAC (NIST SP 800-38B) written out on the JDK's AES, to check Bouncy Castle's use independently. */
    static final class JdkCmac {

        static byte[] of(byte[] key, byte[] message) throws Exception {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            byte[] k1 = doubled(aes.doFinal(new byte[16]));
            byte[] k2 = doubled(k1);
            int blocks = Math.max(1, (message.length + 15) / 16);
            boolean complete = message.length > 0 && message.length % 16 == 0;
            byte[] last = new byte[16];
            int lastStart = (blocks - 1) * 16;
            int lastLength = message.length - lastStart;
            System.arraycopy(message, lastStart, last, 0, lastLength);
            if (!complete) {
                last[lastLength] = (byte) 0x80;
            }
            byte[] subkey = complete ? k1 : k2;
            byte[] x = new byte[16];
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < 16; i++) {
                    x[i] ^= b < blocks - 1 ? message[b * 16 + i] : (byte) (last[i] ^ subkey[i]);
                }
                x = aes.doFinal(x);
            }
            return x;
        }

        private static byte[] doubled(byte[] l) {
            byte[] out = new byte[16];
            for (int i = 0; i < 16; i++) {
                out[i] = (byte) ((l[i] << 1) | (i < 15 ? (l[i + 1] & 0xFF) >>> 7 : 0));
            }
            if ((l[0] & 0x80) != 0) {
                out[15] ^= (byte) 0x87;
            }
            return out;
        }
    }
}
