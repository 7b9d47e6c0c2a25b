package tms.hsm;

import java.util.Arrays;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/** A terminal's public key as received in an activation request: a validated DER SubjectPublicKeyInfo, RSA or SM2. */
public final class DevicePublicKey {

    private final PublicKeyDer.Parsed key;

    private DevicePublicKey(PublicKeyDer.Parsed key) {
        this.key = key;
    }

    /**
     * The key in the DER SubjectPublicKeyInfo; HsmException unless it is RSA of 2048 to 4096 bits with an odd
     * exponent of at least 3, or SM2 on sm2p256v1 with a valid point, in canonical DER with nothing around it.
     */
    public static DevicePublicKey fromDer(byte[] der) {
        return new DevicePublicKey(PublicKeyDer.parse(der, "the device public key"));
    }

    /** RSA or SM2. */
    public DeviceKeyAlgorithm algorithm() {
        return key.algorithm();
    }

    /** The RSA modulus size, or 256 for SM2. */
    public int bits() {
        return key.bits();
    }

    /** SHA-256 of the DER, 64 lowercase hex characters: how the console and the logs name the key. */
    public String fingerprint() {
        return key.fingerprint();
    }

    /** A copy of the DER SubjectPublicKeyInfo, as received. */
    public byte[] der() {
        return key.der().clone();
    }

    AsymmetricKeyParameter parameters() {
        return key.key();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DevicePublicKey that && Arrays.equals(key.der(), that.key.der());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key.der());
    }

    @Override
    public String toString() {
        return "DevicePublicKey[" + algorithm() + "-" + bits() + ", sha256 " + fingerprint() + "]";
    }
}
