package tms.hsm;

import java.security.SecureRandom;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The host's private key (RSA-2048/3072 or SM2) that signs activation responses.
 *
 * <p>It leaves the module only as PKCS#8 DER on its way to be wrapped under the LMK, and comes back the same way.
 */
final class HostSigningKey {

    private final AsymmetricKeyParameter privateKey;
    private final HostPublicKey publicKey;

    private HostSigningKey(AsymmetricCipherKeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = HostPublicKey.of(pair.getPublic());
    }

    /** A fresh RSA key of 2048 or 3072 bits. */
    static HostSigningKey generateRsa(int bits, SecureRandom random) {
        if (bits != 2048 && bits != 3072) {
            throw new HsmException("bits is " + bits + "; a host RSA signing key has 2048 or 3072 bits");
        }
        return new HostSigningKey(AsymmetricKeys.generateRsa(bits, random));
    }

    /** A fresh SM2 key on sm2p256v1. */
    static HostSigningKey generateSm2(SecureRandom random) {
        return new HostSigningKey(AsymmetricKeys.generateSm2(random));
    }

    /**
     * The key in PKCS#8 DER (as unwrapped from the LMK): RSA of 2048 to 4096 bits or SM2 on sm2p256v1. The caller
     * zeroes its array afterwards.
     */
    static HostSigningKey fromPkcs8(byte[] pkcs8) {
        return new HostSigningKey(AsymmetricKeys.fromPkcs8(pkcs8, "the host signing key"));
    }

    /** PKCS#8 PrivateKeyInfo DER, to be wrapped under the LMK at once; the caller zeroes the array afterwards. */
    byte[] pkcs8() {
        return AsymmetricKeys.pkcs8(privateKey);
    }

    DeviceKeyAlgorithm algorithm() {
        return publicKey.algorithm();
    }

    HostPublicKey publicKey() {
        return publicKey;
    }

    /** The signature over {@code message}, which the terminal checks with {@link HostPublicKey#verify}. */
    byte[] sign(byte[] message, SecureRandom random) {
        return HostSignature.sign(privateKey, message, random);
    }

    @Override
    public String toString() {
        return "HostSigningKey[" + publicKey.algorithm() + "-" + publicKey.bits() + ", public key sha256 "
                + publicKey.fingerprint() + "]";
    }
}
