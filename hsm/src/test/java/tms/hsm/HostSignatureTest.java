package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host's signatures: RSASSA-PSS-SHA-256 and SM2-SM3, against published vectors and the JDK. */
class HostSignatureTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HostPublicKey WYCHEPROOF_PUBLIC = HostPublicKey.fromDer(hex(AsymmetricVectors.RSA2048_SPKI));
    private static final HostSigningKey WYCHEPROOF_SIGNING = HostSigningKey.fromPkcs8(hex(AsymmetricVectors.RSA2048_PKCS8));
    private static final byte[] SM2_MESSAGE = AsymmetricVectors.SM2_SIGNED_MESSAGE.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = "serial|TID|encrypted TMK|check value".getBytes(StandardCharsets.US_ASCII);

    /** The one RSA key this class generates. */
    private static HostSigningKey generatedRsa;

    @BeforeAll
    static void generateOnce() {
        generatedRsa = HostSigningKey.generateRsa(2048, RANDOM);
    }

    @Test
    void wycheproofPssSignatureVerifies() {
        assertThat(WYCHEPROOF_PUBLIC.verify(hex(AsymmetricVectors.PSS_TC4_MSG), hex(AsymmetricVectors.PSS_TC4_SIG))).isTrue();
    }

    @Test
    void wycheproofInvalidPssSignaturesDoNot() {
        byte[] message = hex(AsymmetricVectors.PSS_TC4_MSG);

        assertThat(WYCHEPROOF_PUBLIC.verify(message, hex(AsymmetricVectors.PSS_TC64_SIG))).as("m_hash modified").isFalse();
        assertThat(WYCHEPROOF_PUBLIC.verify(message, hex(AsymmetricVectors.PSS_TC108_SIG))).as("PKCS#1 v1.5").isFalse();
        assertThat(WYCHEPROOF_PUBLIC.verify(hex("313233343031"), hex(AsymmetricVectors.PSS_TC4_SIG))).as("other message")
                .isFalse();
    }

    @Test
    void malformedRsaSignaturesAreNotValid() {
        byte[] message = hex(AsymmetricVectors.PSS_TC4_MSG);
        byte[] signature = hex(AsymmetricVectors.PSS_TC4_SIG);
        byte[] prefixed = new byte[257];
        System.arraycopy(signature, 0, prefixed, 1, 256);

        assertThat(WYCHEPROOF_PUBLIC.verify(message, Arrays.copyOf(signature, 255))).isFalse();
        assertThat(WYCHEPROOF_PUBLIC.verify(message, prefixed)).isFalse();
        assertThat(WYCHEPROOF_PUBLIC.verify(message, new byte[0])).isFalse();
        assertThat(WYCHEPROOF_PUBLIC.verify(message, new byte[256])).isFalse();
    }

    @Test
    void theJdkVerifiesOurPssSignature() throws Exception {
        byte[] signature = WYCHEPROOF_SIGNING.sign(RESPONSE, RANDOM);

        Signature jce = Signature.getInstance("RSASSA-PSS");
        jce.setParameter(pss());
        jce.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(hex(AsymmetricVectors.RSA2048_SPKI))));
        jce.update(RESPONSE);

        assertThat(signature).hasSize(256);
        assertThat(jce.verify(signature)).isTrue();
        assertThat(WYCHEPROOF_SIGNING.sign(RESPONSE, RANDOM)).as("random salt").isNotEqualTo(signature);
    }

    @Test
    void weVerifyTheJdksPssSignature() throws Exception {
        Signature jce = Signature.getInstance("RSASSA-PSS");
        jce.setParameter(pss());
        jce.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(hex(AsymmetricVectors.RSA2048_PKCS8))));
        jce.update(RESPONSE);

        assertThat(WYCHEPROOF_PUBLIC.verify(RESPONSE, jce.sign())).isTrue();
    }

    @Test
    void aPssSignatureWithAnotherSaltLengthIsNotOurs() throws Exception {
        Signature jce = Signature.getInstance("RSASSA-PSS");
        jce.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1));
        jce.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(hex(AsymmetricVectors.RSA2048_PKCS8))));
        jce.update(RESPONSE);

        assertThat(WYCHEPROOF_PUBLIC.verify(RESPONSE, jce.sign())).isFalse();
    }

    @Test
    void theSm2UserIdIsTheGmt0009DefaultAsInThePublishedZa() {
        // Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA), computed here by hand from the standard's formula
        SM3Digest sm3 = new SM3Digest();
        int bits = HostSignature.SM2_USER_ID.length * 8;
        sm3.update((byte) (bits >> 8));
        sm3.update((byte) bits);
        sm3.update(HostSignature.SM2_USER_ID, 0, HostSignature.SM2_USER_ID.length);
        for (BigInteger value : new BigInteger[] {AsymmetricKeys.SM2_DOMAIN.getCurve().getA().toBigInteger(),
                AsymmetricKeys.SM2_DOMAIN.getCurve().getB().toBigInteger(),
                AsymmetricKeys.SM2_DOMAIN.getG().getAffineXCoord().toBigInteger(),
                AsymmetricKeys.SM2_DOMAIN.getG().getAffineYCoord().toBigInteger(),
                new BigInteger(AsymmetricVectors.SM2_X, 16), new BigInteger(AsymmetricVectors.SM2_Y, 16)}) {
            sm3.update(BigIntegers.asUnsignedByteArray(32, value), 0, 32);
        }
        byte[] za = new byte[32];
        sm3.doFinal(za, 0);
        sm3.update(za, 0, 32);
        sm3.update(SM2_MESSAGE, 0, SM2_MESSAGE.length);
        byte[] e = new byte[32];
        sm3.doFinal(e, 0);

        assertThat(new String(HostSignature.SM2_USER_ID, StandardCharsets.US_ASCII)).isEqualTo("1234567812345678");
        assertThat(hex(za)).isEqualTo(AsymmetricVectors.SM2_ZA);
        assertThat(hex(e)).isEqualTo(AsymmetricVectors.SM2_E);
    }

    @Test
    void theSm2SignatureExampleIsReproducedWithItsK() {
        HostSigningKey key = HostSigningKey.fromPkcs8(AsymmetricKeys.pkcs8(
                new ECPrivateKeyParameters(new BigInteger(AsymmetricVectors.SM2_D, 16), AsymmetricKeys.SM2_DOMAIN)));

        byte[] signature = key.sign(SM2_MESSAGE, new TestRandomBigInteger(AsymmetricVectors.SM2_K, 16));

        assertThat(signature).isEqualTo(derSignature(AsymmetricVectors.SM2_R, AsymmetricVectors.SM2_S));
        assertThat(key.algorithm()).isEqualTo(DeviceKeyAlgorithm.SM2);
        assertThat(key.publicKey().der()).as("public key derived from d")
                .isEqualTo(DevicePublicKeyTest.sm2Spki(AsymmetricVectors.SM2_X, AsymmetricVectors.SM2_Y));
    }

    @Test
    void thePublishedSm2SignatureVerifiesWithThePublishedPublicKey() {
        HostPublicKey publicKey = HostPublicKey.fromDer(DevicePublicKeyTest.sm2Spki(AsymmetricVectors.SM2_X, AsymmetricVectors.SM2_Y));
        byte[] signature = derSignature(AsymmetricVectors.SM2_R, AsymmetricVectors.SM2_S);

        assertThat(publicKey.verify(SM2_MESSAGE, signature)).isTrue();
        assertThat(publicKey.verify("message digesT".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
    }

    @Test
    void alteredOrMisencodedSm2SignaturesAreNotValid() {
        HostPublicKey publicKey = HostPublicKey.fromDer(DevicePublicKeyTest.sm2Spki(AsymmetricVectors.SM2_X, AsymmetricVectors.SM2_Y));
        byte[] signature = derSignature(AsymmetricVectors.SM2_R, AsymmetricVectors.SM2_S);
        byte[] altered = signature.clone();
        altered[20] ^= 0x01;
        byte[] trailing = Arrays.copyOf(signature, signature.length + 1);
        byte[] raw = hex(AsymmetricVectors.SM2_R + AsymmetricVectors.SM2_S);

        assertThat(publicKey.verify(SM2_MESSAGE, altered)).as("altered r").isFalse();
        assertThat(publicKey.verify(SM2_MESSAGE, trailing)).as("trailing byte").isFalse();
        assertThat(publicKey.verify(SM2_MESSAGE, raw)).as("raw r || s instead of DER").isFalse();
        assertThat(publicKey.verify(SM2_MESSAGE, new byte[0])).as("empty").isFalse();
    }

    @Test
    void anSm2SignatureUnderAnotherUserIdIsNotValid() throws Exception {
        ECPrivateKeyParameters d = new ECPrivateKeyParameters(new BigInteger(AsymmetricVectors.SM2_D, 16), AsymmetricKeys.SM2_DOMAIN);
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(d, RANDOM),
                "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII)));
        signer.update(SM2_MESSAGE, 0, SM2_MESSAGE.length);
        byte[] signature = signer.generateSignature();

        HostPublicKey publicKey = HostPublicKey.fromDer(DevicePublicKeyTest.sm2Spki(AsymmetricVectors.SM2_X, AsymmetricVectors.SM2_Y));
        assertThat(publicKey.verify(SM2_MESSAGE, signature)).isFalse();
    }

    @Test
    void aGeneratedSm2KeySignsAndSurvivesPkcs8() {
        HostSigningKey key = HostSigningKey.generateSm2(RANDOM);
        byte[] pkcs8 = key.pkcs8();
        HostSigningKey restored = HostSigningKey.fromPkcs8(pkcs8);

        byte[] signature = restored.sign(RESPONSE, RANDOM);

        assertThat(restored.publicKey()).isEqualTo(key.publicKey());
        assertThat(key.publicKey().verify(RESPONSE, signature)).isTrue();
        assertThat(key.sign(RESPONSE, RANDOM)).as("random k").isNotEqualTo(signature);
        assertThat(pkcs8.length).isLessThan(200);
        assertThat(key.toString()).startsWith("HostSigningKey[SM2-256, public key sha256 ").doesNotContain(hex(pkcs8));
    }

    @Test
    void aGeneratedRsaKeySignsAndSurvivesPkcs8() throws Exception {
        byte[] pkcs8 = generatedRsa.pkcs8();
        HostSigningKey restored = HostSigningKey.fromPkcs8(pkcs8);
        byte[] signature = restored.sign(RESPONSE, RANDOM);

        Signature jce = Signature.getInstance("RSASSA-PSS");
        jce.setParameter(pss());
        jce.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(generatedRsa.publicKey().der())));
        jce.update(RESPONSE);

        assertThat(restored.publicKey()).isEqualTo(generatedRsa.publicKey());
        assertThat(generatedRsa.publicKey().bits()).isEqualTo(2048);
        assertThat(generatedRsa.publicKey().verify(RESPONSE, signature)).isTrue();
        assertThat(jce.verify(signature)).isTrue();
        // the size the LMK wrap must take: about 1.2 KB for RSA-2048 (PROTOCOL.md keys at rest)
        assertThat(pkcs8.length).isBetween(1150, 1250);
        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8))).isNotNull();
    }

    @Test
    void onlyRsa2048And3072AreGenerated() {
        assertThatThrownBy(() -> HostSigningKey.generateRsa(1024, RANDOM))
                .isInstanceOf(HsmException.class).hasMessage("bits is 1024; a host RSA signing key has 2048 or 3072 bits");
        assertThatThrownBy(() -> HostSigningKey.generateRsa(4096, RANDOM))
                .isInstanceOf(HsmException.class).hasMessageContaining("2048 or 3072");
    }

    @Test
    void aPkcs8KeyOffTheSm2CurveIsRefused() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(
                new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, SECNamedCurves.getByOID(SECObjectIdentifiers.secp256r1)),
                RANDOM));
        byte[] p256 = AsymmetricKeys.pkcs8(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> HostSigningKey.fromPkcs8(p256))
                .isInstanceOf(HsmException.class)
                .hasMessage("the host signing key is an EC key not on sm2p256v1 (1.2.156.10197.1.301); the only EC keys"
                        + " accepted are SM2 keys named by that curve OID");
    }

    @Test
    void garbageIsNotAPkcs8Key() {
        assertThatThrownBy(() -> HostSigningKey.fromPkcs8(hex("3003020101")))
                .isInstanceOf(HsmException.class)
                .hasMessage("the host signing key is not a PKCS#8 PrivateKeyInfo of an RSA or SM2 key");
        assertThatThrownBy(() -> HostSigningKey.fromPkcs8(new byte[0]))
                .isInstanceOf(HsmException.class).hasMessage("the host signing key is empty; expected PKCS#8 DER");
    }

    private static PSSParameterSpec pss() {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    }

    private static byte[] derSignature(String r, String s) {
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(new BigInteger(r, 16)), new ASN1Integer(new BigInteger(s, 16))})
                    .getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
