package tms.hsm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * The host's signature scheme: RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8017), or SM2
 * (GB/T 32918.2-2016) with SM3, the default user ID and the signature as DER SEQUENCE {r, s} (GM/T 0009).
 *
 * <p>The SM2 user ID enters the signed hash (Z = SM3(ENTL || ID || curve || public key)), so both ends must use
 * the same one; GM/T 0009-2012 makes "1234567812345678" the default when the parties agree on no other, and that
 * is what terminal SDKs use unless told otherwise.
 */
final class HostSignature {

    static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
    static final int PSS_SALT_BYTES = 32;

    private HostSignature() {
    }

    /** The signature over {@code message} under the host's private key. */
    static byte[] sign(AsymmetricKeyParameter privateKey, byte[] message, SecureRandom random) {
        if (message == null) {
            throw new HsmException("the message to sign is null");
        }
        Signer signer = signerFor(privateKey);
        signer.init(true, withId(privateKey, new ParametersWithRandom(privateKey, random)));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (Exception e) {
            throw new HsmException("signing a " + message.length + "-byte message failed", e);
        }
    }

    /** Whether the signature is valid; false for any malformed signature, never an exception. */
    static boolean verify(AsymmetricKeyParameter publicKey, byte[] message, byte[] signature) {
        if (message == null || signature == null) {
            throw new HsmException((message == null ? "the message" : "the signature") + " to verify is null");
        }
        // RFC 8017 8.1.2 step 1: a PSS signature is exactly as long as the modulus; a shorter one is not padded here
        if (publicKey instanceof RSAKeyParameters rsa && signature.length != (rsa.getModulus().bitLength() + 7) / 8) {
            return false;
        }
        Signer verifier = signerFor(publicKey);
        verifier.init(false, withId(publicKey, publicKey));
        verifier.update(message, 0, message.length);
        try {
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            // Bouncy Castle throws for some malformed inputs (a value above the modulus, bad DER): not valid either way
            return false;
        }
    }

    private static Signer signerFor(AsymmetricKeyParameter key) {
        if (key instanceof RSAKeyParameters rsa) {
            // the blinded engine for signing, so that timing says nothing about the private key
            return new PSSSigner(rsa.isPrivate() ? new RSABlindedEngine() : new RSAEngine(), SHA256Digest.newInstance(),
                    SHA256Digest.newInstance(), PSS_SALT_BYTES);
        }
        if (key instanceof ECPrivateKeyParameters || key instanceof ECPublicKeyParameters) {
            // StandardDSAEncoding is strict DER: a signature with leading zeros or trailing bytes does not verify
            return new SM2Signer(StandardDSAEncoding.INSTANCE);
        }
        throw new HsmException("the key is neither an RSA nor an SM2 key");
    }

    private static CipherParameters withId(AsymmetricKeyParameter key, CipherParameters parameters) {
        return key instanceof RSAKeyParameters ? parameters : new ParametersWithID(parameters, SM2_USER_ID);
    }
}
