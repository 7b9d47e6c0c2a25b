package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.junit.jupiter.api.Test;

/** The TMK's transport to a terminal: RSA-OAEP-SHA-256 and SM2 (C1C3C2), against published vectors and the JDK. */
class KeyTransportTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] TMK = hex(Fixtures.DOUBLE_HEX);

    private static final AsymmetricCipherKeyPair WYCHEPROOF_RSA =
            AsymmetricKeys.fromPkcs8(hex(AsymmetricVectors.RSA2048_PKCS8), "the Wycheproof key");
    private static final DevicePublicKey RSA_DEVICE = DevicePublicKey.fromDer(hex(AsymmetricVectors.RSA2048_SPKI));

    private static final ECPrivateKeyParameters SM2_PRIVATE =
            new ECPrivateKeyParameters(new BigInteger(AsymmetricVectors.SM2_D, 16), AsymmetricKeys.SM2_DOMAIN);
    private static final DevicePublicKey SM2_DEVICE =
            DevicePublicKey.fromDer(DevicePublicKeyTest.sm2Spki(AsymmetricVectors.SM2_X, AsymmetricVectors.SM2_Y));

    @Test
    void wycheproofOaepCiphertextDecrypts() {
        byte[] clear = KeyTransport.decrypt(WYCHEPROOF_RSA.getPrivate(), hex(AsymmetricVectors.OAEP_TC7_CT));

        assertThat(clear).isEqualTo(hex(AsymmetricVectors.OAEP_TC7_MSG));
    }

    @Test
    void wycheproofCiphertextWithABadLabelHashIsRefused() {
        assertThatThrownBy(() -> KeyTransport.decrypt(WYCHEPROOF_RSA.getPrivate(), hex(AsymmetricVectors.OAEP_TC12_CT)))
                .isInstanceOf(HsmException.class)
                .hasMessage("the transported key does not decrypt under this device's private key: it was altered,"
                        + " truncated, or encrypted for another device");
    }

    @Test
    void theJdkDecryptsWhatWeEncrypt() throws Exception {
        byte[] encrypted = KeyTransport.encrypt(RSA_DEVICE, TMK, RANDOM);

        Cipher jce = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jce.init(Cipher.DECRYPT_MODE, jcePrivate(), oaepSha256(MGF1ParameterSpec.SHA256));

        assertThat(encrypted).hasSize(256);
        assertThat(jce.doFinal(encrypted)).isEqualTo(TMK);
    }

    @Test
    void weDecryptWhatTheJdkEncrypts() throws Exception {
        Cipher jce = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jce.init(Cipher.ENCRYPT_MODE, jcePublic(), oaepSha256(MGF1ParameterSpec.SHA256));

        assertThat(KeyTransport.decrypt(WYCHEPROOF_RSA.getPrivate(), jce.doFinal(TMK))).isEqualTo(TMK);
    }

    @Test
    void oaepWithMgf1Sha1IsNotOurs() throws Exception {
        // the JDK's default for "OAEPWithSHA-256AndMGF1Padding" without parameters is MGF1 with SHA-1: a terminal
        // SDK that relies on that default would not interoperate, and this shows the difference is caught
        Cipher jce = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jce.init(Cipher.ENCRYPT_MODE, jcePublic(), oaepSha256(MGF1ParameterSpec.SHA1));
        byte[] encrypted = jce.doFinal(TMK);

        assertThatThrownBy(() -> KeyTransport.decrypt(WYCHEPROOF_RSA.getPrivate(), encrypted))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void rsaCiphertextsAreRandomised() {
        assertThat(KeyTransport.encrypt(RSA_DEVICE, TMK, RANDOM)).isNotEqualTo(KeyTransport.encrypt(RSA_DEVICE, TMK, RANDOM));
    }

    @Test
    void aTruncatedOrAlteredRsaCiphertextIsRefused() {
        byte[] encrypted = KeyTransport.encrypt(RSA_DEVICE, TMK, RANDOM);
        byte[] altered = encrypted.clone();
        altered[100] ^= 0x01;

        assertThatThrownBy(() -> KeyTransport.decrypt(WYCHEPROOF_RSA.getPrivate(), Arrays.copyOf(encrypted, 255)))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> KeyTransport.decrypt(WYCHEPROOF_RSA.getPrivate(), altered))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void theSm2EncryptionExampleIsReproducedWithItsK() {
        ECPublicKeyParameters publicKey = (ECPublicKeyParameters) SM2_DEVICE.parameters();
        byte[] message = AsymmetricVectors.SM2_ENCRYPTED_MESSAGE.getBytes(StandardCharsets.US_ASCII);

        byte[] encrypted = KeyTransport.encryptSm2(publicKey, message, new TestRandomBigInteger(AsymmetricVectors.SM2_K, 16));

        assertThat(hex(encrypted)).isEqualTo(AsymmetricVectors.SM2_CIPHERTEXT_C1C3C2);
        assertThat(KeyTransport.decrypt(SM2_PRIVATE, encrypted)).isEqualTo(message);
    }

    @Test
    void theSm2ExampleInC1C2C3OrderIsRefused() {
        byte[] c1c3c2 = hex(AsymmetricVectors.SM2_CIPHERTEXT_C1C3C2);
        byte[] c1c2c3 = concat(Arrays.copyOfRange(c1c3c2, 0, 65), Arrays.copyOfRange(c1c3c2, 97, c1c3c2.length),
                Arrays.copyOfRange(c1c3c2, 65, 97));

        assertThatThrownBy(() -> KeyTransport.decrypt(SM2_PRIVATE, c1c2c3))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void opensslsSm2CiphertextDecryptsOnceInRawOrder() {
        AsymmetricKeyParameter key1 = AsymmetricKeys.fromPkcs8(hex(AsymmetricVectors.OPENSSL_SM2_KEY1_PKCS8), "SM2_key1")
                .getPrivate();
        ASN1Sequence gmt0009 = ASN1Sequence.getInstance(hex(AsymmetricVectors.OPENSSL_SM2_KEY1_CIPHERTEXT_ASN1));
        byte[] raw = concat(new byte[] {4},
                BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(gmt0009.getObjectAt(0)).getValue()),
                BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(gmt0009.getObjectAt(1)).getValue()),
                ASN1OctetString.getInstance(gmt0009.getObjectAt(2)).getOctets(),
                ASN1OctetString.getInstance(gmt0009.getObjectAt(3)).getOctets());

        assertThat(new String(KeyTransport.decrypt(key1, raw), StandardCharsets.US_ASCII))
                .isEqualTo(AsymmetricVectors.OPENSSL_SM2_KEY1_PLAINTEXT);
    }

    @Test
    void aTmkRoundTripsUnderSm2() {
        byte[] encrypted = KeyTransport.encrypt(SM2_DEVICE, TMK, RANDOM);

        assertThat(encrypted).hasSize(KeyTransport.SM2_OVERHEAD + 16);
        assertThat(encrypted[0]).isEqualTo((byte) 4);
        assertThat(KeyTransport.decrypt(SM2_PRIVATE, encrypted)).isEqualTo(TMK);
        assertThat(KeyTransport.encrypt(SM2_DEVICE, TMK, RANDOM)).isNotEqualTo(encrypted);
    }

    @Test
    void anAlteredSm2CiphertextIsRefused() {
        byte[] encrypted = KeyTransport.encrypt(SM2_DEVICE, TMK, RANDOM);
        for (int index : new int[] {10, 70, 100, encrypted.length - 1}) { // C1, C3, C2, last byte of C2
            byte[] altered = encrypted.clone();
            altered[index] ^= 0x01;

            assertThatThrownBy(() -> KeyTransport.decrypt(SM2_PRIVATE, altered))
                    .as("byte %d altered", index)
                    .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
        }
        assertThatThrownBy(() -> KeyTransport.decrypt(SM2_PRIVATE, Arrays.copyOf(encrypted, 97)))
                .isInstanceOf(HsmException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void anSm2CiphertextForAnotherDeviceIsRefused() {
        byte[] encrypted = KeyTransport.encrypt(SM2_DEVICE, TMK, RANDOM);
        AsymmetricKeyParameter other = AsymmetricKeys.generateSm2(RANDOM).getPrivate();

        assertThatThrownBy(() -> KeyTransport.decrypt(other, encrypted))
                .isInstanceOf(HsmException.class).hasMessageContaining("encrypted for another device");
    }

    @Test
    void onlyA16ByteKeyIsTransported() {
        assertThatThrownBy(() -> KeyTransport.encrypt(RSA_DEVICE, new byte[8], RANDOM))
                .isInstanceOf(HsmException.class).hasMessage("the key to transport has 8 bytes; expected 16");
        assertThatThrownBy(() -> KeyTransport.encrypt(SM2_DEVICE, null, RANDOM))
                .isInstanceOf(HsmException.class).hasMessage("the key to transport has no bytes; expected 16");
    }

    private static OAEPParameterSpec oaepSha256(MGF1ParameterSpec mgf1) {
        return new OAEPParameterSpec("SHA-256", "MGF1", mgf1, PSource.PSpecified.DEFAULT);
    }

    private static PrivateKey jcePrivate() throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(hex(AsymmetricVectors.RSA2048_PKCS8)));
    }

    private static PublicKey jcePublic() throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(hex(AsymmetricVectors.RSA2048_SPKI)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
