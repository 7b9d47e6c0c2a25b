package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.Test;

/** A terminal's public key off the wire: RSA 2048 to 4096 or SM2 on sm2p256v1, anything else refused by name. */
class DevicePublicKeyTest {

    @Test
    void anRsa2048KeyIsAcceptedWithItsFingerprint() throws Exception {
        byte[] der = hex(AsymmetricVectors.RSA2048_SPKI);

        DevicePublicKey key = DevicePublicKey.fromDer(der);

        assertThat(key.algorithm()).isEqualTo(DeviceKeyAlgorithm.RSA);
        assertThat(key.bits()).isEqualTo(2048);
        assertThat(key.der()).isEqualTo(der);
        // cross-checked with the JDK's SHA-256, not with our own digest code
        assertThat(key.fingerprint())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)))
                .hasSize(64);
        assertThat(key).isEqualTo(DevicePublicKey.fromDer(der.clone())).hasToString(
                "DevicePublicKey[RSA-2048, sha256 " + key.fingerprint() + "]");
    }

    @Test
    void theDerHandedOutIsACopy() {
        DevicePublicKey key = DevicePublicKey.fromDer(hex(AsymmetricVectors.RSA2048_SPKI));

        key.der()[10] ^= 1;

        assertThat(key.der()).isEqualTo(hex(AsymmetricVectors.RSA2048_SPKI));
    }

    @Test
    void anSm2KeyOnSm2p256v1IsAccepted() {
        byte[] der = sm2Spki(AsymmetricVectors.SM2_X, AsymmetricVectors.SM2_Y);

        DevicePublicKey key = DevicePublicKey.fromDer(der);

        assertThat(key.algorithm()).isEqualTo(DeviceKeyAlgorithm.SM2);
        assertThat(key.bits()).isEqualTo(256);
        ECPublicKeyParameters point = (ECPublicKeyParameters) key.parameters();
        assertThat(point.getQ().getAffineXCoord().toBigInteger()).isEqualTo(new BigInteger(AsymmetricVectors.SM2_X, 16));
    }

    @Test
    void anRsa1024KeyIsRefused() {
        assertThatThrownBy(() -> DevicePublicKey.fromDer(hex(AsymmetricVectors.RSA1024_SPKI)))
                .isInstanceOf(HsmException.class)
                .hasMessage("the device public key is RSA-1024; an RSA key must have 2048 to 4096 bits: under 2048 it is"
                        + " too weak to carry a terminal master key");
    }

    @Test
    void anRsaKeyOver4096BitsIsRefused() throws Exception {
        // the fourth power of a real modulus: odd, no small factors, composite, about 8190 bits
        RSAKeyParameters rsa = (RSAKeyParameters) PublicKeyFactory.createKey(hex(AsymmetricVectors.RSA2048_SPKI));
        byte[] der = rsaSpki(rsa.getModulus().pow(4), rsa.getExponent());

        assertThatThrownBy(() -> DevicePublicKey.fromDer(der))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("the device public key is RSA-8")
                .hasMessageContaining("must have 2048 to 4096 bits");
    }

    @Test
    void anRsaKeyWithExponentOneIsRefused() throws Exception {
        RSAKeyParameters rsa = (RSAKeyParameters) PublicKeyFactory.createKey(hex(AsymmetricVectors.RSA2048_SPKI));

        assertThatThrownBy(() -> DevicePublicKey.fromDer(rsaSpki(rsa.getModulus(), BigInteger.ONE)))
                .isInstanceOf(HsmException.class)
                .hasMessage("the device public key has RSA public exponent 1; expected an odd exponent of at least 3"
                        + " (normally 65537)");
    }

    @Test
    void aSecp256r1KeyOfferedAsSm2IsRefused() {
        assertThatThrownBy(() -> DevicePublicKey.fromDer(hex(AsymmetricVectors.P256_SPKI)))
                .isInstanceOf(HsmException.class)
                .hasMessage("the device public key is an EC key on curve prime256v1 (1.2.840.10045.3.1.7); the only EC"
                        + " keys accepted are SM2 keys on sm2p256v1 (1.2.156.10197.1.301)");
    }

    @Test
    void aPointOffTheSm2CurveIsRefused() {
        BigInteger y = new BigInteger(AsymmetricVectors.SM2_Y, 16).add(BigInteger.ONE);

        assertThatThrownBy(() -> DevicePublicKey.fromDer(sm2Spki(AsymmetricVectors.SM2_X, y.toString(16))))
                .isInstanceOf(HsmException.class)
                .hasMessageStartingWith("the device public key is not a valid SM2 public key: ");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> DevicePublicKey.fromDer(hex("DEADBEEF00112233")))
                .isInstanceOf(HsmException.class)
                .hasMessage("the device public key is not a DER SubjectPublicKeyInfo (X.509 public key); send the key as"
                        + " the DER bytes of SubjectPublicKeyInfo, not PEM, not a bare PKCS#1 or EC point");
        assertThatThrownBy(() -> DevicePublicKey.fromDer("-----BEGIN PUBLIC KEY-----".getBytes()))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("is not a DER SubjectPublicKeyInfo");
        assertThatThrownBy(() -> DevicePublicKey.fromDer(new byte[0]))
                .isInstanceOf(HsmException.class).hasMessageStartingWith("the device public key is empty;");
        assertThatThrownBy(() -> DevicePublicKey.fromDer(null))
                .isInstanceOf(HsmException.class).hasMessageStartingWith("the device public key is null;");
    }

    @Test
    void bytesAfterTheKeyAreRefused() {
        byte[] der = hex(AsymmetricVectors.RSA2048_SPKI);
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);

        assertThatThrownBy(() -> DevicePublicKey.fromDer(longer))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("is not a DER SubjectPublicKeyInfo");
    }

    @Test
    void aNonCanonicalEncodingIsRefused() {
        // the outer length 82 01 22 written as 83 00 01 22: valid BER, not DER, and it would change the fingerprint
        byte[] der = hex(AsymmetricVectors.RSA2048_SPKI);
        byte[] ber = new byte[der.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x83;
        System.arraycopy(der, 2, ber, 3, der.length - 2);

        assertThatThrownBy(() -> DevicePublicKey.fromDer(ber))
                .isInstanceOf(HsmException.class)
                .hasMessage("the device public key is a SubjectPublicKeyInfo but not in canonical DER (or has bytes"
                        + " around it); send exactly the DER encoding");
    }

    @Test
    void anotherAlgorithmIsRefusedByItsOid() throws Exception {
        // an Ed25519 key (RFC 8410 example): well-formed, but neither RSA nor SM2
        byte[] ed25519 = hex("302a300506032b657003210019bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1");

        assertThatThrownBy(() -> DevicePublicKey.fromDer(ed25519))
                .isInstanceOf(HsmException.class)
                .hasMessage("the device public key has algorithm 1.3.101.112, which is neither RSA (1.2.840.113549.1.1.1)"
                        + " nor SM2 (id-ecPublicKey 1.2.840.10045.2.1 with curve sm2p256v1 1.2.156.10197.1.301)");
    }

    static byte[] sm2Spki(String xHex, String yHex) {
        byte[] point = new byte[65];
        point[0] = 4;
        byte[] x = fixed(new BigInteger(xHex, 16));
        byte[] y = fixed(new BigInteger(yHex, 16));
        System.arraycopy(x, 0, point, 1, 32);
        System.arraycopy(y, 0, point, 33, 32);
        try {
            return new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1), point)
                    .getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rsaSpki(BigInteger modulus, BigInteger exponent) throws Exception {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(modulus, exponent)).getEncoded(ASN1Encoding.DER);
    }

    private static byte[] fixed(BigInteger value) {
        return org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, value);
    }
}
