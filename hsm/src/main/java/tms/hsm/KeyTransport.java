package tms.hsm;

import java.security.SecureRandom;

import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * Carries a clear key to a terminal under the terminal's public key (PROTOCOL.md §5): RSAES-OAEP with SHA-256 and
 * MGF1-SHA-256 and an empty label (RFC 8017), or SM2 public-key encryption (GB/T 32918.4-2016) with SM3.
 *
 * <p>SM2 ciphertexts are {@code C1 || C3 || C2}: C1 the uncompressed point {@code 04 || x || y} (65 bytes), C3 the
 * SM3 hash (32 bytes), C2 the masked key. GB/T 32918.4-2016 (and GM/T 0003.4-2012 before it) specify this order;
 * Bouncy Castle's default, C1 || C2 || C3, follows the 2010 draft, so the mode is set explicitly. This is the raw
 * form; terminals whose SDK wants the GM/T 0009 ASN.1 form (SEQUENCE {x, y, hash, ciphertext}) convert.
 */
final class KeyTransport {

    /** The TMK of PROTOCOL.md §5: a double-length 3DES key or an SM4 key. */
    static final int KEY_BYTES = 16;
    /** C1 (65) and C3 (32) around an SM2 ciphertext. */
    static final int SM2_OVERHEAD = 65 + 32;

    private KeyTransport() {
    }

    /** The 16-byte clear key encrypted under the device's public key. */
    static byte[] encrypt(DevicePublicKey device, byte[] clearKey, SecureRandom random) {
        if (device == null) {
            throw new HsmException("device is null; expected the terminal's public key");
        }
        if (clearKey == null || clearKey.length != KEY_BYTES) {
            throw new HsmException("the key to transport has " + (clearKey == null ? "no" : clearKey.length)
                    + " bytes; expected " + KEY_BYTES);
        }
        return switch (device.algorithm()) {
            case RSA -> encryptRsaOaep((RSAKeyParameters) device.parameters(), clearKey, random);
            case SM2 -> encryptSm2((ECPublicKeyParameters) device.parameters(), clearKey, random);
        };
    }

    /**
     * The device side: what {@link #encrypt} carried, under the device's private key. Every failure gives the same
     * message, because telling padding errors apart would let an attacker decrypt RSA-OAEP (Manger's attack).
     */
    static byte[] decrypt(AsymmetricKeyParameter devicePrivateKey, byte[] encrypted) {
        if (encrypted == null) {
            throw new HsmException("the transported key is null; expected the ciphertext from the activation response");
        }
        if (devicePrivateKey instanceof RSAKeyParameters rsa && rsa.isPrivate()) {
            return decryptRsaOaep(rsa, encrypted);
        }
        if (devicePrivateKey instanceof ECPrivateKeyParameters ec) {
            return decryptSm2(ec, encrypted);
        }
        throw new HsmException("the device private key is neither an RSA nor an SM2 private key");
    }

    static byte[] encryptRsaOaep(RSAKeyParameters publicKey, byte[] data, SecureRandom random) {
        AsymmetricBlockCipher oaep = oaep(new RSAEngine());
        oaep.init(true, new ParametersWithRandom(publicKey, random));
        try {
            return oaep.processBlock(data, 0, data.length);
        } catch (Exception e) {
            throw new HsmException("RSA-OAEP encryption of a " + data.length + "-byte key failed", e);
        }
    }

    static byte[] encryptSm2(ECPublicKeyParameters publicKey, byte[] data, SecureRandom random) {
        SM2Engine sm2 = new SM2Engine(SM2Engine.Mode.C1C3C2);
        sm2.init(true, new ParametersWithRandom(publicKey, random));
        try {
            return sm2.processBlock(data, 0, data.length);
        } catch (Exception e) {
            throw new HsmException("SM2 encryption of a " + data.length + "-byte key failed", e);
        }
    }

    private static byte[] decryptRsaOaep(RSAKeyParameters privateKey, byte[] encrypted) {
        // RFC 8017 7.1.2 step 1: a ciphertext is exactly as long as the modulus
        if (encrypted.length != (privateKey.getModulus().bitLength() + 7) / 8) {
            throw refused();
        }
        // the blinded engine, so that the time a private-key operation takes says nothing about the key
        AsymmetricBlockCipher oaep = oaep(new RSABlindedEngine());
        oaep.init(false, privateKey);
        try {
            return oaep.processBlock(encrypted, 0, encrypted.length);
        } catch (Exception e) {
            throw refused();
        }
    }

    private static byte[] decryptSm2(ECPrivateKeyParameters privateKey, byte[] encrypted) {
        if (encrypted.length <= SM2_OVERHEAD) {
            throw refused();
        }
        SM2Engine sm2 = new SM2Engine(SM2Engine.Mode.C1C3C2);
        sm2.init(false, privateKey);
        try {
            return sm2.processBlock(encrypted, 0, encrypted.length);
        } catch (Exception e) {
            throw refused();
        }
    }

    private static AsymmetricBlockCipher oaep(AsymmetricBlockCipher rsa) {
        // a null label is the empty label of RFC 8017; MGF1 uses SHA-256 too (JCE's default for MGF1 would be SHA-1)
        return new OAEPEncoding(rsa, SHA256Digest.newInstance(), SHA256Digest.newInstance(), null);
    }

    private static HsmException refused() {
        return new HsmException("the transported key does not decrypt under this device's private key: it was altered,"
                + " truncated, or encrypted for another device");
    }
}
