package tms.hsm;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Parses and validates a DER SubjectPublicKeyInfo (X.509): RSA of 2048 to 4096 bits, or SM2 on sm2p256v1.
 *
 * <p>The input must be exactly one canonical DER structure, nothing before or after, so that the fingerprint
 * (SHA-256 of these bytes) names one key in one way: two encodings of the same key would otherwise get two
 * fingerprints and slip past a look-up by fingerprint.
 */
final class PublicKeyDer {

    static final int RSA_MIN_BITS = 2048;
    static final int RSA_MAX_BITS = 4096;
    /** A 4096-bit RSA SubjectPublicKeyInfo has about 550 bytes; anything much larger is not a key we accept. */
    private static final int MAX_DER_BYTES = 2048;

    /** A validated key: its algorithm, Bouncy Castle's view of it, its DER bytes and their fingerprint. */
    record Parsed(DeviceKeyAlgorithm algorithm, AsymmetricKeyParameter key, int bits, byte[] der, String fingerprint) {
    }

    private PublicKeyDer() {
    }

    /** The key in {@code der}; HsmException naming {@code whose} key and what is wrong with it otherwise. */
    static Parsed parse(byte[] received, String whose) {
        if (received == null || received.length == 0) {
            throw new HsmException(whose + " is " + (received == null ? "null" : "empty")
                    + "; expected a DER SubjectPublicKeyInfo (X.509) of an RSA or SM2 public key");
        }
        // one copy, checked and fingerprinted, so that a caller changing its array later changes nothing here
        byte[] der = received.clone();
        if (der.length > MAX_DER_BYTES) {
            throw new HsmException(whose + " has " + der.length + " bytes; a DER SubjectPublicKeyInfo of an RSA key"
                    + " of up to " + RSA_MAX_BITS + " bits or of an SM2 key has at most " + MAX_DER_BYTES);
        }
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new HsmException(whose + " is not a DER SubjectPublicKeyInfo (X.509 public key); send the key as the"
                    + " DER bytes of SubjectPublicKeyInfo, not PEM, not a bare PKCS#1 or EC point", e);
        }
        if (info == null || !Arrays.equals(encoded(info, whose), der)) {
            throw new HsmException(whose + " is a SubjectPublicKeyInfo but not in canonical DER (or has bytes around it);"
                    + " send exactly the DER encoding");
        }
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            // size and exponent first: Bouncy Castle's own checks of a modulus cost seconds for a huge one
            int bits = checkRsa(rsaPublicKey(info, whose), whose);
            RSAKeyParameters rsa = (RSAKeyParameters) create(info, whose, "RSA");
            return new Parsed(DeviceKeyAlgorithm.RSA, rsa, bits, der, fingerprint(der));
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            checkSm2Curve(info, whose);
            ECPublicKeyParameters ec = (ECPublicKeyParameters) create(info, whose, "SM2");
            return new Parsed(DeviceKeyAlgorithm.SM2, ec, ec.getParameters().getN().bitLength(), der, fingerprint(der));
        }
        throw new HsmException(whose + " has algorithm " + algorithm + ", which is neither RSA ("
                + PKCSObjectIdentifiers.rsaEncryption + ") nor SM2 (id-ecPublicKey " + X9ObjectIdentifiers.id_ecPublicKey
                + " with curve sm2p256v1 " + GMObjectIdentifiers.sm2p256v1 + ")");
    }

    /** SHA-256 of the bytes, 64 lowercase hex characters. */
    static String fingerprint(byte[] der) {
        Digest digest = SHA256Digest.newInstance();
        digest.update(der, 0, der.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /** The bits of a modulus the module accepts, or HsmException naming the key's size. */
    static int checkRsa(RSAPublicKey rsa, String whose) {
        int bits = rsa.getModulus().bitLength();
        if (bits < RSA_MIN_BITS) {
            throw new HsmException(whose + " is RSA-" + bits + "; an RSA key must have " + RSA_MIN_BITS + " to "
                    + RSA_MAX_BITS + " bits: under " + RSA_MIN_BITS + " it is too weak to carry a terminal master key");
        }
        if (bits > RSA_MAX_BITS) {
            throw new HsmException(whose + " is RSA-" + bits + "; an RSA key must have " + RSA_MIN_BITS + " to "
                    + RSA_MAX_BITS + " bits (larger keys cost much and terminals do not make them)");
        }
        BigInteger e = rsa.getPublicExponent();
        // e = 1 would make "encryption" the identity: anyone could undo the OAEP mask and read the key
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(rsa.getModulus()) >= 0) {
            throw new HsmException(whose + " has RSA public exponent " + e + "; expected an odd exponent of at least 3"
                    + " (normally 65537)");
        }
        return bits;
    }

    private static RSAPublicKey rsaPublicKey(SubjectPublicKeyInfo info, String whose) {
        try {
            return RSAPublicKey.getInstance(info.parsePublicKey());
        } catch (IOException | RuntimeException e) {
            throw new HsmException(whose + " is marked RSA but its key is not a PKCS#1 RSAPublicKey", e);
        }
    }

    private static void checkSm2Curve(SubjectPublicKeyInfo info, String whose) {
        X962Parameters parameters;
        try {
            parameters = X962Parameters.getInstance(info.getAlgorithm().getParameters());
        } catch (RuntimeException e) {
            throw new HsmException(whose + " is an EC key whose curve parameters do not parse; an SM2 key names the"
                    + " curve sm2p256v1 (" + GMObjectIdentifiers.sm2p256v1 + ")", e);
        }
        if (parameters == null || !parameters.isNamedCurve()) {
            throw new HsmException(whose + " is an EC key with explicit or inherited curve parameters; an SM2 key must"
                    + " name the curve sm2p256v1 (" + GMObjectIdentifiers.sm2p256v1 + ")");
        }
        ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) parameters.getParameters();
        if (!GMObjectIdentifiers.sm2p256v1.equals(curve)) {
            String name = ECNamedCurveTable.getName(curve);
            throw new HsmException(whose + " is an EC key on curve " + (name == null ? "" : name + " ") + "(" + curve
                    + "); the only EC keys accepted are SM2 keys on sm2p256v1 (" + GMObjectIdentifiers.sm2p256v1 + ")");
        }
    }

    private static AsymmetricKeyParameter create(SubjectPublicKeyInfo info, String whose, String algorithm) {
        try {
            // Bouncy Castle checks here that an EC point lies on the curve and in the right subgroup and that an RSA
            // modulus is odd and has no small factors
            return PublicKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new HsmException(whose + " is not a valid " + algorithm + " public key: " + e.getMessage(), e);
        }
    }

    private static byte[] encoded(SubjectPublicKeyInfo info, String whose) {
        try {
            return info.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new HsmException(whose + " cannot be re-encoded as DER", e);
        }
    }
}
